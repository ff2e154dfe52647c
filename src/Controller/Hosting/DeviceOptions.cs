using HydroOxygen.Hal;
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
public sealed record DeviceOptions : ISettingsSection
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

    public void Validate(SettingsErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        errors.OneOf(Backend, nameof(Backend));
        errors.Range(StopTimeoutS, 1, 600, nameof(StopTimeoutS));
        if (LoopRealtimePriority is < 0 or > 99)
        {
            errors.Add(nameof(LoopRealtimePriority), "RealtimePriority", "must be 0 (off) or 1–99, was {0}", LoopRealtimePriority);
        }

        if (Backend is DeviceBackend.RaspberryPi or DeviceBackend.SimulatedHardware)
        {
            RaspberryPi.Validate(errors.Section(nameof(RaspberryPi)));
        }

        if (Backend is DeviceBackend.Simulator or DeviceBackend.SimulatedHardware)
        {
            Simulator.Plant.Validate(errors.Section(nameof(Simulator)).Section(nameof(SimulatorOptions.Plant)));
        }
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
