namespace HydroOxygen.Hal;

/// <summary>
/// The device as the controller sees it: every channel of <see cref="BoardDescription"/>, with the
/// backend (Raspberry Pi hardware or the simulator) hidden behind the small per-channel contracts.
/// </summary>
public interface IDeviceBoard : IDisposable
{
    /// <summary>Human-readable backend name for logs and status ("simulator", "raspberry-pi", ...).</summary>
    string BackendName { get; }

    ISolenoidValve OxygenSourceValve { get; }
    ISolenoidValve CompressorSourceValve { get; }
    IProportionalValve InletValve { get; }
    ISolenoidValve VentValve { get; }
    ISolenoidValve ChargeValve { get; }
    ISolenoidValve SprayValve { get; }
    IDigitalOutput Compressor { get; }

    IPressureSensor OutletPressure { get; }
    IPressureSensor BottlePressure { get; }
    IPressureSensor SourcePressure { get; }

    IDigitalInput FootSwitch { get; }
    IDigitalInput PowerSwitch { get; }
    IDigitalInput LiquidLevel { get; }

    IIndicator Indicator { get; }

    /// <summary>
    /// Called by the control loop at the start of every tick with the tick's timestamp, before any
    /// input is read. The hardware uses it to start multiplexed conversions; the simulator advances
    /// its plant to this instant, which is what lets the same loop run in real and virtual time.
    /// </summary>
    void BeginTick(long timestamp);

    /// <summary>
    /// De-energizes every output: source, inlet, charge and spray closed, vent open, compressor off.
    /// Idempotent and never throws; it is the last thing every path — normal, faulted, disposing or
    /// crashing — does to the hardware. Returns false if some channel could not be written.
    /// </summary>
    bool ForceSafe();
}
