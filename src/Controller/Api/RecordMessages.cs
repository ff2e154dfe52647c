using HydroOxygen.Controller.Records;

namespace HydroOxygen.Controller.Api;

/// <summary><c>GET /api/sessions</c>: newest first.</summary>
public sealed record SessionListResponse(IReadOnlyList<SessionRecord> Sessions, long? OpenSessionId);

/// <summary><c>GET /api/sessions/{id}</c>: the record and its event log.</summary>
public sealed record SessionDetailResponse(SessionRecord Session, IReadOnlyList<EventRecord> Events);

/// <summary><c>GET /api/events</c>: the latest entries of the event log, newest first.</summary>
public sealed record EventListResponse(IReadOnlyList<EventRecord> Events);

/// <summary><c>POST /api/sessions/current/client-code</c>.</summary>
public sealed record ClientCodeRequest(string? Code);

public sealed record ClientCodeResponse(long SessionId, string ClientCode);
