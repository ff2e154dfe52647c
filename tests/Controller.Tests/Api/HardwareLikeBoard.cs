using HydroOxygen.Hal;
using HydroOxygen.Simulator.Devices;

namespace HydroOxygen.Controller.Tests.Api;

/// <summary>The simulated board behind a face that does not say so: how the API sees a hardware backend.</summary>
internal sealed class HardwareLikeBoard(SimulatedBoard inner) : IDeviceBoard
{
    public string BackendName => "raspberry-pi";
    public ISolenoidValve OxygenSourceValve => inner.OxygenSourceValve;
    public ISolenoidValve CompressorSourceValve => inner.CompressorSourceValve;
    public IProportionalValve InletValve => inner.InletValve;
    public ISolenoidValve VentValve => inner.VentValve;
    public ISolenoidValve ChargeValve => inner.ChargeValve;
    public ISolenoidValve SprayValve => inner.SprayValve;
    public IDigitalOutput Compressor => inner.Compressor;
    public IPressureSensor OutletPressure => inner.OutletPressure;
    public IPressureSensor BottlePressure => inner.BottlePressure;
    public IPressureSensor SourcePressure => inner.SourcePressure;
    public IDigitalInput FootSwitch => inner.FootSwitch;
    public IDigitalInput PowerSwitch => inner.PowerSwitch;
    public IDigitalInput LiquidLevel => inner.LiquidLevel;
    public IIndicator Indicator => inner.Indicator;

    public void BeginTick(long timestamp) => inner.BeginTick(timestamp);

    public bool ForceSafe() => inner.ForceSafe();

    public void Dispose() => inner.Dispose();
}
