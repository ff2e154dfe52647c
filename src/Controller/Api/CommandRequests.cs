namespace HydroOxygen.Controller.Api;

// Request bodies. Every member is nullable so that a missing field is reported by name, with its
// allowed values, instead of as a deserializer's message.

/// <summary><c>POST /api/setpoint</c>.</summary>
public sealed record SetpointRequest(double? Mpa);

/// <summary><c>POST /api/program</c>.</summary>
public sealed record ProgramRequest(string? Name);

/// <summary><c>POST /api/source</c>: <c>oxygen</c> or <c>compressor</c>.</summary>
public sealed record SourceRequest(string? Source);

/// <summary>The body of the commands that take none (<c>{}</c> or nothing at all).</summary>
public sealed record EmptyRequest;

/// <summary>What a command did.</summary>
/// <param name="Result"><c>applied</c> (the loop carried it out; <paramref name="Status"/> shows it) or <c>queued</c> (not confirmed in time).</param>
public sealed record CommandResponse(long CommandId, string Result, StatusResponse Status);
