using HydroOxygen.Hal.RaspberryPi;
using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.Controller.Hosting;

/// <summary>Which HAL backend drives the loop.</summary>
public enum DeviceBackend
{
    /// <summary>The physics simulator, in real time (the repository's default).</summary>
    Simulator,

    /// <summary>The Raspberry Pi's GPIO, PWM and I2C hardware (the Pi deployment's default).</summary>
    RaspberryPi,

    /// <summary>The Raspberry Pi drivers (GPIO, PWM, ADS1115) over register-level fakes fed by the simulator.</summary>
    SimulatedHardware,
}

/// <summary>The <c>Device</c> section of appsettings.json.</summary>
public sealed record DeviceOptions
{
    public const string Section = "Device";

    public DeviceBackend Backend { get; init; } = DeviceBackend.Simulator;

    public SimulatorOptions Simulator { get; init; } = new();

    /// <summary>Wiring of the Raspberry Pi board (also used by the simulated-hardware backend).</summary>
    public RaspberryPiOptions RaspberryPi { get; init; } = new();

    /// <summary>How long a SIGTERM waits for the shutdown sequence to vent the device before forcing the safe state, s.</summary>
    public double StopTimeoutS { get; init; } = 40.0;

    /// <summary>SCHED_FIFO priority of the control-loop thread (1–99); 0 leaves it under the normal scheduler.</summary>
    public int LoopRealtimePriority { get; init; }

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(Backend))
        {
            errors.Add($"{Section}:Backend: must be one of {string.Join(", ", Enum.GetNames<DeviceBackend>())}");
        }

        if (!(StopTimeoutS is >= 1 and <= 600))
        {
            errors.Add($"{Section}:StopTimeoutS: must be within 1–600, was {StopTimeoutS}");
        }

        if (LoopRealtimePriority is < 0 or > 99)
        {
            errors.Add($"{Section}:LoopRealtimePriority: must be 0 (off) or 1–99, was {LoopRealtimePriority}");
        }

        if (Backend is DeviceBackend.RaspberryPi or DeviceBackend.SimulatedHardware)
        {
            errors.AddRange(RaspberryPi.Validate($"{Section}:RaspberryPi"));
        }

        if (Backend is DeviceBackend.Simulator or DeviceBackend.SimulatedHardware)
        {
            try
            {
                Simulator.Plant.Validate();
            }
            catch (ArgumentException ex)
            {
                errors.Add($"{Section}:Simulator:Plant: {ex.Message}");
            }
        }

        return errors;
    }
}

/// <summary>The simulated device when running in real time.</summary>
public sealed record SimulatorOptions
{
    public int Seed { get; init; }

    /// <summary>The rocker switch is on when the process starts, so the device boots by itself.</summary>
    public bool PowerSwitchOnAtStart { get; init; } = true;

    /// <summary>Plant parameters (DESIGN §1.3); anything not given keeps its default.</summary>
    public PlantParameters Plant { get; init; } = new();
}
