using HydroOxygen.Hal;
using HydroOxygen.Hal.RaspberryPi;
using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.Simulator.Devices;

/// <summary>
/// The Raspberry Pi board — the real GPIO, PWM and ADS1115 driver code — running over the simulated
/// plant through <see cref="PlantHardware"/>. Each tick first advances the plant and the fake chips,
/// then hands over to the real board, so the whole driver stack is exercised in closed loop.
/// </summary>
public sealed class DriverStackBoard : ISimulatedDevice
{
    private readonly PlantDriver _driver;
    private readonly PlantHardware _hardware;
    private readonly RaspberryPiBoard _board;

    private DriverStackBoard(PlantDriver driver, PlantHardware hardware, RaspberryPiBoard board)
    {
        _driver = driver;
        _hardware = hardware;
        _board = board;
    }

    /// <summary>Builds the plant and opens the Raspberry Pi board over it (throws like the real board would).</summary>
    public static DriverStackBoard Create(PlantParameters parameters, int seed, TimeProvider clock, RaspberryPiOptions? wiring = null)
    {
        var plant = new SprayPlant(parameters, seed);
        var options = wiring ?? new RaspberryPiOptions();
        var hardware = new PlantHardware(plant, options);
        var board = RaspberryPiBoard.Open(options, hardware, clock);
        return new DriverStackBoard(new PlantDriver(plant, clock), hardware, board);
    }

    public string BackendName => "simulated-hardware";
    public SprayPlant Plant => _driver.Plant;
    public PlantHardware Hardware => _hardware;
    public RaspberryPiBoard Board => _board;

    public ISolenoidValve OxygenSourceValve => _board.OxygenSourceValve;
    public ISolenoidValve CompressorSourceValve => _board.CompressorSourceValve;
    public IProportionalValve InletValve => _board.InletValve;
    public ISolenoidValve VentValve => _board.VentValve;
    public ISolenoidValve ChargeValve => _board.ChargeValve;
    public ISolenoidValve SprayValve => _board.SprayValve;
    public IDigitalOutput Compressor => _board.Compressor;
    public IPressureSensor OutletPressure => _board.OutletPressure;
    public IPressureSensor BottlePressure => _board.BottlePressure;
    public IPressureSensor SourcePressure => _board.SourcePressure;
    public IDigitalInput FootSwitch => _board.FootSwitch;
    public IDigitalInput PowerSwitch => _board.PowerSwitch;
    public IDigitalInput LiquidLevel => _board.LiquidLevel;
    public IIndicator Indicator => _board.Indicator;

    public void Post(PlantCommand command) => _driver.Post(command);

    public void BeginTick(long timestamp)
    {
        _driver.AdvanceTo(timestamp);
        _hardware.Advance();
        _board.BeginTick(timestamp);
    }

    public bool ForceSafe() => _board.ForceSafe();

    public void Dispose() => _board.Dispose();
}
