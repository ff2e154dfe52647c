namespace HydroOxygen.Simulator.Plant;

/// <summary>The faults a tester can inject (DESIGN §3.1); names map to the scenario's snake_case.</summary>
public enum FaultKind : byte
{
    InletStuckOpen,
    InletStuckClosed,
    VentStuckClosed,
    SprayStuckOpen,
    SensorStuck,
    SensorDisconnected,
    SensorDrift,
    Leak,
    SupplyEmpty,
    CompressorFailed,
    NozzleClogged,
    LiquidEmpty,
    PedalStuck,
    PedalBounce,

    /// <summary>The control loop stops running for <c>value</c> seconds; acted on by whoever runs the loop, not the plant.</summary>
    LoopStall,
    AdcNack,
}

/// <summary>What a fault applies to, where the fault needs one.</summary>
public enum FaultTarget : byte
{
    None = 0,
    POut,
    PBottle,
    PSrc,
    Manifold,
    Bottle,
}

/// <summary>One injected fault.</summary>
/// <param name="Value">The fault's size where it has one: MPa for sensor_drift, dm³/(s·bar) for leak, seconds for loop_stall.</param>
public readonly record struct FaultSpec(FaultKind Kind, FaultTarget Target = FaultTarget.None, double Value = 0.0)
{
    /// <summary>Checks that the target fits the fault, naming the problem otherwise.</summary>
    public string? Problem() => Kind switch
    {
        FaultKind.SensorStuck or FaultKind.SensorDisconnected or FaultKind.SensorDrift
            when Target is not (FaultTarget.POut or FaultTarget.PBottle or FaultTarget.PSrc)
            => $"{FaultNames.ToName(Kind)} needs a target of p_out, p_bottle or p_src",
        FaultKind.AdcNack when Target is not (FaultTarget.None or FaultTarget.POut or FaultTarget.PBottle or FaultTarget.PSrc)
            => "adc_nack takes no target (all converters) or p_out, p_bottle, p_src",
        FaultKind.Leak when Target is not (FaultTarget.Manifold or FaultTarget.Bottle)
            => "leak needs a target of manifold or bottle",
        FaultKind.Leak when !(Value > 0 && Value <= 1.0)
            => "leak needs a value: the leak's conductance, above 0 and at most 1 dm³/(s·bar)",
        FaultKind.SensorDrift when !(Math.Abs(Value) <= 0.5)
            => "sensor_drift needs a value: the drift in MPa, within ±0.5",
        FaultKind.LoopStall when !(Value > 0 && Value <= 600)
            => "loop_stall needs a value: the stall in seconds, above 0 and at most 600",
        _ when Target != FaultTarget.None && Kind is not (FaultKind.SensorStuck or FaultKind.SensorDisconnected
            or FaultKind.SensorDrift or FaultKind.AdcNack or FaultKind.Leak)
            => $"{FaultNames.ToName(Kind)} takes no target",
        _ => null,
    };
}
