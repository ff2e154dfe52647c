using System.Device.Gpio;

namespace HydroOxygen.Hal.RaspberryPi;

/// <summary>
/// A coil or contactor driven through a GPIO pin and a low-side driver: pin high = energized.
/// The pin is opened low, so opening it never energizes anything.
/// </summary>
public sealed class GpioOutput : IDigitalOutput
{
    private readonly GpioController _gpio;
    private readonly int _pin;
    private bool _energized;

    public GpioOutput(GpioController gpio, int pin)
    {
        ArgumentNullException.ThrowIfNull(gpio);
        _gpio = gpio;
        _pin = pin;
        _gpio.OpenPin(pin, PinMode.Output, PinValue.Low);
    }

    public int Pin => _pin;

    public bool IsEnergized => _energized;

    public void Write(bool energized)
    {
        _gpio.Write(_pin, energized ? PinValue.High : PinValue.Low);
        _energized = energized;
    }
}
