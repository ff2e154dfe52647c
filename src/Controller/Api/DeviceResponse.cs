namespace HydroOxygen.Controller.Api;

/// <summary><c>GET /api/device</c>: what does not change while the service runs — backend, limits, programs.</summary>
/// <param name="Simulated">The simulator backend: the <c>/api/sim/*</c> endpoints exist.</param>
/// <param name="Records">Session records are kept (the database could be opened).</param>
/// <param name="ClientCodes">A client code may be set on a session.</param>
public sealed record DeviceResponse(
    string Backend,
    bool Simulated,
    SetpointRange SetpointLimits,
    IReadOnlyList<ProgramResponse> Programs,
    IReadOnlyList<string> Sources,
    bool Records,
    bool ClientCodes);

/// <summary>A treatment program (DESIGN §2.6).</summary>
public sealed record ProgramResponse(string Name, double SetpointMpa, double CeilingMpa, bool RequiresOxygen, string Description);
