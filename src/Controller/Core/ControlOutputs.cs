using HydroOxygen.Hal;

namespace HydroOxygen.Controller.Core;

/// <summary>Everything the control step commands in one tick, in terms of what the gas does.</summary>
public readonly record struct ControlOutputs
{
    /// <summary>
    /// The device's safe state (DESIGN §2.5): source, inlet, charge and spray closed, vent open,
    /// compressor off. It is also what the hardware does with every coil de-energized.
    /// </summary>
    public static ControlOutputs Safe { get; } = new() { VentOpen = true };

    public double InletOpening { get; init; }
    public bool VentOpen { get; init; }
    public bool OxygenSourceOpen { get; init; }
    public bool CompressorSourceOpen { get; init; }
    public bool ChargeOpen { get; init; }
    public bool SprayOpen { get; init; }
    public bool CompressorOn { get; init; }
    public IndicatorPattern Indicator { get; init; }

    /// <summary>Whether the gas-handling outputs are in the safe pattern (the indicator may show anything).</summary>
    public bool IsSafe =>
        InletOpening == 0.0 && VentOpen && !OxygenSourceOpen && !CompressorSourceOpen && !ChargeOpen && !SprayOpen && !CompressorOn;

    public bool SourceOpen => OxygenSourceOpen || CompressorSourceOpen;
}
