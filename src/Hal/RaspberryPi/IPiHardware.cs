using System.Device.Gpio;
using System.Device.I2c;
using System.Device.Pwm;

namespace HydroOxygen.Hal.RaspberryPi;

/// <summary>
/// Where the Raspberry Pi board gets its buses from: the real SoC, or (for the
/// hardware-drivers-over-simulated-plant backend) fakes that behave like the chips.
/// </summary>
public interface IPiHardware
{
    /// <summary>Describes the hardware for logs ("Raspberry Pi 4 Model B Rev 1.4", "simulated hardware").</summary>
    string Description { get; }

    GpioController OpenGpio(GpioDriverKind driver, int chip);

    PwmChannel OpenPwm(int chip, int channel, int frequencyHz);

    I2cDevice OpenI2c(int bus, int address);
}
