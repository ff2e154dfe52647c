using HydroOxygen.Hal;
using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.Simulator.Devices;

/// <summary>
/// The simulator backend of the HAL: every channel of the board wired to a <see cref="SprayPlant"/>
/// through simple models of the devices (ADC channels, coils, switches).
/// </summary>
/// <remarks>
/// <see cref="BeginTick"/> lets the <see cref="PlantDriver"/> apply the testers' queued actions and
/// advance the plant to the tick's instant; then the loop reads and writes the channels.
/// </remarks>
public sealed class SimulatedBoard : ISimulatedDevice
{
    /// <summary>PWM frequency of the inlet valve drive.</summary>
    public const double InletPwmHz = 1000.0;

    private readonly PlantDriver _driver;
    private readonly SimulatedIndicator _indicator = new();
    private readonly List<IDigitalOutput> _coils = [];

    public SimulatedBoard(SprayPlant plant, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(plant);
        ArgumentNullException.ThrowIfNull(clock);
        _driver = new PlantDriver(plant, clock);

        OxygenSourceValve = Valve(BoardChannel.OxygenSourceValve, PlantCoil.OxygenSourceValve);
        CompressorSourceValve = Valve(BoardChannel.CompressorSourceValve, PlantCoil.CompressorSourceValve);
        VentValve = Valve(BoardChannel.VentValve, PlantCoil.VentValve);
        ChargeValve = Valve(BoardChannel.ChargeValve, PlantCoil.ChargeValve);
        SprayValve = Valve(BoardChannel.SprayValve, PlantCoil.SprayValve);
        Compressor = Coil(PlantCoil.Compressor);
        InletValve = new PwmProportionalValve(new SimulatedPwm(plant, InletPwmHz));

        var parameters = plant.Parameters;
        var spec = new TransducerSpec
        {
            FullScale = Pressure.FromMegapascals(parameters.SensorFullScaleMpa),
            SupplyVolts = parameters.SensorSupplyVolts,
        };
        OutletPressure = new RatiometricTransducer(
            new SimulatedAdcChannel(plant, SensorChannel.POut, parameters.AdcOutletSps, 0, 1, () => plant.OutletAdcNack, ToTimestamp), spec);
        BottlePressure = new RatiometricTransducer(
            new SimulatedAdcChannel(plant, SensorChannel.PBottle, parameters.AdcMultiplexedSps, 0, 2, () => plant.MultiplexedAdcNack, ToTimestamp), spec);
        SourcePressure = new RatiometricTransducer(
            new SimulatedAdcChannel(plant, SensorChannel.PSrc, parameters.AdcMultiplexedSps, 1, 2, () => plant.MultiplexedAdcNack, ToTimestamp), spec);

        FootSwitch = new SimulatedSwitch(() => plant.FootSwitch.ContactClosed(plant.Time));
        PowerSwitch = new SimulatedSwitch(() => plant.PowerSwitchOn);
        LiquidLevel = new SimulatedSwitch(() => plant.LiquidLevelSwitch);

        ISolenoidValve Valve(BoardChannel channel, PlantCoil coil) =>
            new SolenoidValve(Coil(coil), BoardDescription.NormalPositionOf(channel));

        IDigitalOutput Coil(PlantCoil coil)
        {
            var output = new SimulatedCoil(plant, coil);
            _coils.Add(output);
            return output;
        }
    }

    /// <summary>Builds a plant from parameters and a seed and wires a board to it.</summary>
    public static SimulatedBoard Create(PlantParameters parameters, int seed, TimeProvider clock) =>
        new(new SprayPlant(parameters, seed), clock);

    public string BackendName => "simulator";

    public SprayPlant Plant => _driver.Plant;

    public ISolenoidValve OxygenSourceValve { get; }
    public ISolenoidValve CompressorSourceValve { get; }
    public IProportionalValve InletValve { get; }
    public ISolenoidValve VentValve { get; }
    public ISolenoidValve ChargeValve { get; }
    public ISolenoidValve SprayValve { get; }
    public IDigitalOutput Compressor { get; }
    public IPressureSensor OutletPressure { get; }
    public IPressureSensor BottlePressure { get; }
    public IPressureSensor SourcePressure { get; }
    public IDigitalInput FootSwitch { get; }
    public IDigitalInput PowerSwitch { get; }
    public IDigitalInput LiquidLevel { get; }
    public IIndicator Indicator => _indicator;
    public IndicatorPattern IndicatorPattern => _indicator.Pattern;

    public void Post(PlantCommand command) => _driver.Post(command);

    public void BeginTick(long timestamp) => _driver.AdvanceTo(timestamp);

    public bool ForceSafe()
    {
        // Through the same device objects the loop uses, so that what they report stays true.
        foreach (var coil in _coils)
        {
            coil.Write(false);
        }

        InletValve.SetOpening(0.0);
        return true;
    }

    public void Dispose() => ForceSafe();

    private long ToTimestamp(double plantSeconds) => _driver.ToTimestamp(plantSeconds);
}
