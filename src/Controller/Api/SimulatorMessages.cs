namespace HydroOxygen.Controller.Api;

/// <summary><c>POST /api/sim/pedal</c>.</summary>
/// <param name="LeaseS">Optional dead-man lease: the pedal is released unless pressed again within this many seconds (a dashboard that loses its connection cannot leave it down).</param>
public sealed record PedalRequest(bool? Down, double? LeaseS);

/// <summary><c>POST /api/sim/power</c>: the rocker power switch.</summary>
public sealed record PowerRequest(bool? On);

/// <summary><c>POST /api/sim/fault</c> (names as in the scenario files, DESIGN §3.1).</summary>
public sealed record FaultRequest(string? Fault, string? Target, double? Value);

/// <summary><c>POST /api/sim/fault/clear</c>.</summary>
public sealed record FaultClearRequest(string? Fault, string? Target);

public sealed record PedalResponse(bool Down, double? LeaseS);

public sealed record PowerResponse(bool On);

/// <summary>A fault as the API names it.</summary>
public sealed record FaultResponse(string Fault, string? Target, double? Value);

/// <summary><c>GET /api/sim/faults</c>: what can be injected, and what this API has injected and not cleared.</summary>
public sealed record FaultCatalogResponse(IReadOnlyList<FaultKindResponse> Faults, IReadOnlyList<FaultResponse> Injected);

/// <summary>One injectable fault.</summary>
/// <param name="Targets">The targets it takes (empty: none).</param>
/// <param name="Value">What its value means, if it takes one.</param>
public sealed record FaultKindResponse(string Name, IReadOnlyList<string> Targets, bool TargetRequired, string? Value);
