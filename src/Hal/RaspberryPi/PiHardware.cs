using System.Device.Gpio;
using System.Device.Gpio.Drivers;
using System.Device.I2c;
using System.Device.Pwm;

namespace HydroOxygen.Hal.RaspberryPi;

/// <summary>The Raspberry Pi's own GPIO, PWM and I2C, through System.Device.Gpio.</summary>
public sealed class PiHardware : IPiHardware
{
    public string Description
    {
        get
        {
            try
            {
                return File.Exists("/proc/device-tree/model") ? File.ReadAllText("/proc/device-tree/model").TrimEnd('\0') : "unknown Linux board";
            }
            catch (IOException)
            {
                return "unknown Linux board";
            }
        }
    }

    public GpioController OpenGpio(GpioDriverKind driver, int chip)
    {
        // The driver is chosen explicitly: the auto-detecting GpioController() has been seen to
        // crash at start-up on recent Pi OS images.
        GpioDriver gpioDriver = driver switch
        {
            GpioDriverKind.LibGpiodV2 or GpioDriverKind.LibGpiod =>
                OpenLibGpiod(driver, GpioDriverSelection.ResolveChip(driver, chip, GpioDriverSelection.ChipListerFor(driver))),
            GpioDriverKind.RaspberryPi3 => new RaspberryPi3Driver(),
            GpioDriverKind.SysFs => new SysFsDriver(),
            _ => throw new ArgumentOutOfRangeException(nameof(driver), driver, "Unknown GPIO driver."),
        };
        return new GpioController(gpioDriver);
    }

    public PwmChannel OpenPwm(int chip, int channel, int frequencyHz) => PwmChannel.Create(chip, channel, frequencyHz, 0.0);

    public I2cDevice OpenI2c(int bus, int address) => I2cDevice.Create(new I2cConnectionSettings(bus, address));

    private static GpioDriver OpenLibGpiod(GpioDriverKind driver, int chip) =>
        driver == GpioDriverKind.LibGpiodV2 ? new LibGpiodV2Driver(chip) : new LibGpiodDriver(chip);
}
