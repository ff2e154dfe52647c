using System.Device.Gpio;
using System.Device.I2c;
using System.Device.Pwm;
using HydroOxygen.Hal;
using HydroOxygen.Hal.RaspberryPi;
using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.Simulator.Devices;

/// <summary>
/// The Raspberry Pi's buses, wired to the plant: a GPIO driver whose pins are the plant's coils and
/// switches, a PWM channel that drives its inlet valve, and register-level ADS1115 fakes on the two
/// configured I2C addresses. Anything the wiring does not describe is missing, as on a real board.
/// </summary>
public sealed class PlantHardware : IPiHardware
{
    private readonly SprayPlant _plant;
    private readonly RaspberryPiOptions _wiring;
    private readonly List<Ads1115Fake> _converters = [];

    public PlantHardware(SprayPlant plant, RaspberryPiOptions wiring)
    {
        ArgumentNullException.ThrowIfNull(plant);
        ArgumentNullException.ThrowIfNull(wiring);
        _plant = plant;
        _wiring = wiring;
    }

    public string Description => "simulated hardware: Raspberry Pi drivers over the plant";

    public PlantGpioDriver? Gpio { get; private set; }

    /// <summary>I2C addresses that do not answer (to exercise start-up failures).</summary>
    public ISet<int> AbsentAddresses { get; } = new HashSet<int>();

    public GpioController OpenGpio(GpioDriverKind driver, int chip)
    {
        var wiring = _wiring.OutputPins.Select(o => new PinWiring(o.Pin, o.Channel))
            .Concat(_wiring.InputPins.Select(i => new PinWiring(i.Input.Pin, i.Channel, i.Input.ActiveLow)));
        Gpio = new PlantGpioDriver(_plant, wiring);
        return new GpioController(Gpio);
    }

    public PwmChannel OpenPwm(int chip, int channel, int frequencyHz)
    {
        if (chip != _wiring.InletPwmChip || channel != _wiring.InletPwmChannel)
        {
            throw new IOException($"No PWM channel {channel} on chip {chip}.");
        }

        return new PlantPwmChannel(_plant, frequencyHz);
    }

    public I2cDevice OpenI2c(int bus, int address)
    {
        var outlet = address == _wiring.OutletAdcAddressValue;
        if (bus != _wiring.I2cBus || AbsentAddresses.Contains(address) || (!outlet && address != _wiring.MultiplexedAdcAddressValue))
        {
            // Opening /dev/i2c-N succeeds on a real Pi even with nothing at the address: the first
            // transfer is what fails. The fake does the same.
            return new Ads1115Fake(() => _plant.Time, _ => 0.0, address, bus) { Nack = true };
        }

        var converter = Ads1115Fake.ForPlant(_plant, outlet, address, bus);
        _converters.RemoveAll(c => c.ConnectionSettings.DeviceAddress == address);
        _converters.Add(converter);
        return converter;
    }

    /// <summary>Lets the fakes finish the conversions due by the plant's time, and report input edges.</summary>
    public void Advance()
    {
        foreach (var converter in _converters)
        {
            converter.Advance();
        }

        Gpio?.PollEdges();
    }
}
