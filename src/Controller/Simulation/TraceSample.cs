using HydroOxygen.Controller.Core;

namespace HydroOxygen.Controller.Simulation;

/// <summary>
/// One row of a simulation trace (DESIGN §3.2): what the controller saw and did, and what the
/// plant really did, at one tick. Plain data; formatting happens where it is written.
/// </summary>
public readonly record struct TraceSample
{
    public double TimeS { get; init; }
    public DeviceState State { get; init; }
    public int ProgramIndex { get; init; }
    public GasSource GasSource { get; init; }
    public double SetpointMpa { get; init; }
    public double ReferenceMpa { get; init; }

    // Measured: what the controller sees.
    public double POutMpa { get; init; }
    public double PBottleMpa { get; init; }
    public double PSrcMpa { get; init; }

    // True: the plant.
    public double POutTrueMpa { get; init; }
    public double PBottleTrueMpa { get; init; }
    public double PSrcTrueMpa { get; init; }
    public double PHoseTrueMpa { get; init; }

    // Commanded outputs.
    public double InletDuty { get; init; }
    public bool VentOpen { get; init; }
    public bool SourceOpen { get; init; }
    public bool ChargeOpen { get; init; }
    public bool SprayOpen { get; init; }
    public bool CompressorOn { get; init; }

    /// <summary>The foot as the technician holds it (the plant's pedal), not the debounced contact.</summary>
    public bool Pedal { get; init; }

    /// <summary>The controller's debounced view of the pedal.</summary>
    public bool PedalSeen { get; init; }

    /// <summary>The spray valve is physically open in the plant.</summary>
    public bool SprayValveOpenTrue { get; init; }

    public bool Mist { get; init; }
    public double LiquidMl { get; init; }
    public double NozzleFlowLpm { get; init; }
    public double DemandLpm { get; init; }

    /// <summary>The running plan's step, 1-based; 0 when no plan runs.</summary>
    public int PlanStep { get; init; }

    /// <summary>The running plan step's region, an index into the plan table's regions.</summary>
    public int RegionIndex { get; init; }

    /// <summary>Latched alarms, one bit per <see cref="AlarmCode"/>.</summary>
    public uint Alarms { get; init; }

    public bool HasAlarm(AlarmCode code) => (Alarms & (1u << (int)code)) != 0;

    public static uint AlarmBits(in AlarmStates alarms)
    {
        uint bits = 0;
        for (var i = 0; i < AlarmCatalog.Count; i++)
        {
            if (alarms[i].Latched)
            {
                bits |= 1u << i;
            }
        }

        return bits;
    }
}
