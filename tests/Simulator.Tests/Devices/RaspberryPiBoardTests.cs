using HydroOxygen.Hal;
using HydroOxygen.Hal.RaspberryPi;
using HydroOxygen.Simulator.Devices;
using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.Simulator.Tests.Devices;

/// <summary>The Raspberry Pi board opened over the plant's simulated hardware: start-up, failures, safe state.</summary>
public class RaspberryPiBoardTests
{
    private static readonly PlantCoil[] Coils = Enum.GetValues<PlantCoil>();

    [Fact]
    public void Opens_over_the_plant_and_drives_its_valves()
    {
        var plant = new SprayPlant(PlantParameters.Default);
        using var board = RaspberryPiBoard.Open(new RaspberryPiOptions(), new PlantHardware(plant, new RaspberryPiOptions()), TimeProvider.System);

        board.VentValve.SetOpen(false);
        board.SprayValve.SetOpen(true);
        board.InletValve.SetOpening(0.5);

        Assert.True(plant.CoilEnergized(PlantCoil.VentValve), "closing the NO vent energizes its coil");
        Assert.True(plant.CoilEnergized(PlantCoil.SprayValve));
        Assert.Equal(0.5, plant.InletDuty, 9);
    }

    [Fact]
    public void Every_output_starts_de_energized_and_ForceSafe_returns_there()
    {
        var plant = new SprayPlant(PlantParameters.Default);
        using var board = RaspberryPiBoard.Open(new RaspberryPiOptions(), new PlantHardware(plant, new RaspberryPiOptions()), TimeProvider.System);
        Assert.All(Coils, c => Assert.False(plant.CoilEnergized(c)));

        foreach (var valve in new[] { board.OxygenSourceValve, board.ChargeValve, board.SprayValve })
        {
            valve.SetOpen(true);
        }

        board.VentValve.SetOpen(false);
        board.Compressor.Write(true);
        board.InletValve.SetOpening(1.0);

        Assert.True(board.ForceSafe());
        Assert.All(Coils, c => Assert.False(plant.CoilEnergized(c)));
        Assert.Equal(0.0, plant.InletDuty);
    }

    [Fact]
    public void Reads_the_switches_with_their_wiring_polarity()
    {
        var plant = new SprayPlant(PlantParameters.Default);
        using var board = RaspberryPiBoard.Open(new RaspberryPiOptions(), new PlantHardware(plant, new RaspberryPiOptions()), TimeProvider.System);

        Assert.False(board.FootSwitch.Read());
        plant.FootSwitch.Press(true, plant.Time);
        Assert.True(board.FootSwitch.Read());
        plant.PowerSwitchOn = true;
        Assert.True(board.PowerSwitch.Read());
        Assert.True(board.LiquidLevel.Read());
    }

    [Fact]
    public void A_pin_used_twice_stops_start_up_naming_both_uses()
    {
        var plant = new SprayPlant(PlantParameters.Default);
        var wiring = new RaspberryPiOptions { SprayValvePin = 16 };

        var error = Assert.Throws<DeviceUnavailableException>(() => RaspberryPiBoard.Open(wiring, new PlantHardware(plant, wiring), TimeProvider.System));

        Assert.Contains("SprayValvePin", error.Message, StringComparison.Ordinal);
        Assert.Contains("GPIO 16", error.Message, StringComparison.Ordinal);
        Assert.Contains("OxygenSourceValve", error.Message, StringComparison.Ordinal);
        Assert.All(Coils, c => Assert.False(plant.CoilEnergized(c)));
    }

    [Fact]
    public void A_converter_that_does_not_answer_stops_start_up_and_leaves_every_output_de_energized()
    {
        var plant = new SprayPlant(PlantParameters.Default);
        var wiring = new RaspberryPiOptions();
        var hardware = new PlantHardware(plant, wiring);
        hardware.AbsentAddresses.Add(0x49);

        var error = Assert.Throws<DeviceUnavailableException>(() => RaspberryPiBoard.Open(wiring, hardware, TimeProvider.System));

        Assert.Contains("0x49", error.Message, StringComparison.Ordinal);
        Assert.Contains("does not answer", error.Message, StringComparison.Ordinal);
        Assert.All(Coils, c => Assert.False(plant.CoilEnergized(c)));
        Assert.Equal(0.0, plant.InletDuty);
    }

    [Fact]
    public void A_gpio_line_that_cannot_be_opened_is_named()
    {
        var plant = new SprayPlant(PlantParameters.Default);
        var wiring = new RaspberryPiOptions();
        var hardware = new BrokenPinHardware(new PlantHardware(plant, wiring), brokenPin: 26);

        var error = Assert.Throws<DeviceUnavailableException>(() => RaspberryPiBoard.Open(wiring, hardware, TimeProvider.System));

        Assert.Contains("ChargeValve output on GPIO 26", error.Message, StringComparison.Ordinal);
        Assert.All(Coils, c => Assert.False(plant.CoilEnergized(c)));
    }

    [Theory]
    [InlineData("0x50", "not an ADS1115 address")]
    [InlineData("banana", "not an address")]
    public void A_bad_converter_address_is_refused(string address, string problem)
    {
        var wiring = new RaspberryPiOptions { MultiplexedAdcAddress = address };

        Assert.Contains(wiring.Problems(RaspberryPiOptions.Section).Select(p => p.ToString()), p => p.StartsWith("Device:RaspberryPi:MultiplexedAdcAddress", StringComparison.Ordinal) && p.Contains(problem, StringComparison.Ordinal));
    }

    [Fact]
    public void Pins_that_collide_with_i2c_or_the_pwm_channel_are_refused()
    {
        var wiring = new RaspberryPiOptions { VentValvePin = 18, ChargeValvePin = 3 };

        var problems = wiring.Problems(RaspberryPiOptions.Section).Select(p => p.ToString()).ToList();

        Assert.Contains(problems, p => p.Contains("VentValvePin", StringComparison.Ordinal) && p.Contains("inlet PWM", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("ChargeValvePin", StringComparison.Ordinal) && p.Contains("I2C SCL", StringComparison.Ordinal));
    }

    /// <summary>The plant's hardware with one GPIO line that the driver refuses to open.</summary>
    private sealed class BrokenPinHardware(PlantHardware inner, int brokenPin) : IPiHardware
    {
        public string Description => inner.Description;

        public System.Device.Gpio.GpioController OpenGpio(GpioDriverKind driver, int chip)
        {
            var controller = inner.OpenGpio(driver, chip);
            inner.Gpio!.BrokenPins.Add(brokenPin);
            return controller;
        }

        public System.Device.Pwm.PwmChannel OpenPwm(int chip, int channel, int frequencyHz) => inner.OpenPwm(chip, channel, frequencyHz);

        public System.Device.I2c.I2cDevice OpenI2c(int bus, int address) => inner.OpenI2c(bus, address);
    }
}
