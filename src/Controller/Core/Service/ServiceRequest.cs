namespace HydroOxygen.Controller.Core;

/// <summary>The engineer's procedures the control step can carry out in <see cref="DeviceState.Service"/>.</summary>
public enum ServiceProcedureKind : byte
{
    None = 0,

    /// <summary>Bring manifold, bottle and source line to one common pressure (or vent them) and average the raw readings: a calibration point.</summary>
    HoldPressure,

    /// <summary>Pressurise manifold and bottle, isolate them, and measure how much pressure they lose.</summary>
    LeakTest,

    /// <summary>Regulate to one pressure, then step the setpoint and record the response.</summary>
    StepTest,

    /// <summary>Hold a pressure, then drive one valve open-loop for a while and record the response (system identification).</summary>
    ValvePulse,
}

/// <summary>The valve a <see cref="ServiceProcedureKind.ValvePulse"/> drives.</summary>
public enum TestValve : byte
{
    Inlet = 0,
    Vent,

    /// <summary>The bottle's charge valve, opened from a pressurised manifold into the vented bottle.</summary>
    Charge,
}

/// <summary>
/// A procedure and its parameters, as plain data so that it crosses the command queue into the
/// tick without allocating. Which fields matter depends on <see cref="Kind"/>.
/// </summary>
public readonly record struct ServiceRequest
{
    public ServiceProcedureKind Kind { get; init; }

    /// <summary>HoldPressure and LeakTest: the pressure to reach (0 = vented), MPa.</summary>
    public double TargetMpa { get; init; }

    /// <summary>StepTest and ValvePulse: the pressure held before the step or pulse, MPa.</summary>
    public double FromMpa { get; init; }

    /// <summary>StepTest: the setpoint stepped to, MPa.</summary>
    public double ToMpa { get; init; }

    /// <summary>HoldPressure: averaging time; LeakTest: measuring time; StepTest / ValvePulse: recording time, s.</summary>
    public double DurationS { get; init; }

    /// <summary>LeakTest: settling time after isolation; HoldPressure: time for the joined volumes to equalise, s.</summary>
    public double SettleS { get; init; }

    /// <summary>ValvePulse: inlet opening (0–1).</summary>
    public double Opening { get; init; }

    public TestValve Valve { get; init; }

    /// <summary>Entering, renewing or leaving Service: the engineer's number (0 = none named, as from a scenario).</summary>
    public int Owner { get; init; }

    /// <summary>Entering Service: how long the session lasts without a sign of its engineer, s (0 = no lease).</summary>
    public double LeaseS { get; init; }

    /// <summary>Longest lease a session may be given, s.</summary>
    public const double MaxLeaseS = 3600.0;

    /// <summary>The session an engineer opens, renews or leaves.</summary>
    public static ServiceRequest Session(int owner, double leaseS = 0.0) => new() { Owner = owner, LeaseS = leaseS };

    public static ServiceRequest HoldPressure(double targetMpa, double averageS = 1.0, double settleS = 3.0) =>
        new() { Kind = ServiceProcedureKind.HoldPressure, TargetMpa = targetMpa, DurationS = averageS, SettleS = settleS };

    public static ServiceRequest LeakTest(double testMpa, double settleS, double measureS) =>
        new() { Kind = ServiceProcedureKind.LeakTest, TargetMpa = testMpa, SettleS = settleS, DurationS = measureS };

    public static ServiceRequest StepTest(double fromMpa, double toMpa, double recordS) =>
        new() { Kind = ServiceProcedureKind.StepTest, FromMpa = fromMpa, ToMpa = toMpa, DurationS = recordS };

    public static ServiceRequest ValvePulse(TestValve valve, double fromMpa, double opening, double recordS) =>
        new() { Kind = ServiceProcedureKind.ValvePulse, Valve = valve, FromMpa = fromMpa, Opening = opening, DurationS = recordS };

    /// <summary>Why the request cannot be carried out, or null.</summary>
    public string? Problem() => Kind switch
    {
        ServiceProcedureKind.HoldPressure when !(TargetMpa is >= 0.0 and <= PressureLimits.MaxSetpointMpa) =>
            $"target: {TargetMpa} MPa is outside 0–{PressureLimits.MaxSetpointMpa:0.00} MPa",
        ServiceProcedureKind.LeakTest when !(TargetMpa is >= 0.1 and <= PressureLimits.MaxSetpointMpa) =>
            $"pressure: {TargetMpa} MPa is outside 0.10–{PressureLimits.MaxSetpointMpa:0.00} MPa",
        ServiceProcedureKind.StepTest when !(FromMpa is >= PressureLimits.MinSetpointMpa and <= PressureLimits.MaxSetpointMpa)
            || !(ToMpa is >= PressureLimits.MinSetpointMpa and <= PressureLimits.MaxSetpointMpa) =>
            $"from/to: a step must stay within {PressureLimits.MinSetpointMpa:0.00}–{PressureLimits.MaxSetpointMpa:0.00} MPa",
        ServiceProcedureKind.ValvePulse when !(FromMpa is >= 0.1 and <= PressureLimits.MaxSetpointMpa) =>
            $"from: {FromMpa} MPa is outside 0.10–{PressureLimits.MaxSetpointMpa:0.00} MPa",
        ServiceProcedureKind.ValvePulse when Valve == TestValve.Inlet && !(Opening is > 0.0 and <= 1.0) =>
            "opening: must be above 0 and at most 1",
        ServiceProcedureKind.None => "kind: no procedure given",
        _ when !(DurationS is > 0.0 and <= 600.0) => "duration: must be above 0 and at most 600 s",
        _ when !(SettleS is >= 0.0 and <= 600.0) => "settle: must be within 0–600 s",
        _ => null,
    };
}
