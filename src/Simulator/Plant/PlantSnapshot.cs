namespace HydroOxygen.Simulator.Plant;

/// <summary>The true physical state of the plant at one instant (gauge pressures in MPa).</summary>
public readonly record struct PlantSnapshot
{
    public double TimeS { get; init; }
    public double POutMpa { get; init; }
    public double PBottleMpa { get; init; }
    public double PSrcMpa { get; init; }
    public double PHoseMpa { get; init; }
    public double PTankMpa { get; init; }
    public double OxygenRegulatorMpa { get; init; }
    public double InletOpening { get; init; }
    public bool OxygenSourceOpen { get; init; }
    public bool AirSourceOpen { get; init; }
    public bool VentOpen { get; init; }
    public bool ChargeOpen { get; init; }
    public bool SprayOpen { get; init; }
    public bool CompressorRunning { get; init; }

    /// <summary>Gas leaving the nozzle, litres/min ANR.</summary>
    public double NozzleFlowLpm { get; init; }

    /// <summary>Gas leaving through the manifold relief valve, litres/min ANR.</summary>
    public double ReliefFlowLpm { get; init; }

    public double LiquidMl { get; init; }
    public double LiquidFeedMlPerMin { get; init; }

    /// <summary>Gas and liquid both leaving the nozzle: what the technician sees as mist.</summary>
    public bool Mist { get; init; }

    public double CylinderLitres { get; init; }
    public double OxygenDeliveredLitres { get; init; }
    public bool FootSwitchPressed { get; init; }
    public bool PowerSwitchOn { get; init; }
}
