using System.Device.Gpio;

namespace HydroOxygen.Hal.RaspberryPi;

/// <summary>
/// A switch on a GPIO pin, read every tick, with the time of its last edge recorded by the GPIO
/// driver's event thread (for latency measurement and diagnostics — the control step polls).
/// </summary>
public sealed class GpioInput : IDigitalInput, IDisposable
{
    private readonly GpioController _gpio;
    private readonly int _pin;
    private readonly bool _activeLow;
    private readonly TimeProvider _clock;
    private readonly PinChangeEventHandler? _onEdge;
    private long _lastEdge;
    private int _lastEdgeActive;

    public GpioInput(GpioController gpio, int pin, bool activeLow, InputBias bias, TimeProvider clock, bool timestampEdges = true)
    {
        ArgumentNullException.ThrowIfNull(gpio);
        ArgumentNullException.ThrowIfNull(clock);
        _gpio = gpio;
        _pin = pin;
        _activeLow = activeLow;
        _clock = clock;
        var mode = bias switch
        {
            InputBias.PullUp => PinMode.InputPullUp,
            InputBias.PullDown => PinMode.InputPullDown,
            _ => PinMode.Input,
        };
        if (!gpio.IsPinModeSupported(pin, mode))
        {
            throw new ArgumentException($"GPIO {pin} does not support {mode}.", nameof(bias));
        }

        _gpio.OpenPin(pin, mode);
        if (timestampEdges)
        {
            _onEdge = OnEdge;
            _gpio.RegisterCallbackForPinValueChangedEvent(pin, PinEventTypes.Rising | PinEventTypes.Falling, _onEdge);
        }
    }

    public int Pin => _pin;

    /// <summary>Timestamp (<see cref="TimeProvider.GetTimestamp"/>) of the last edge seen, 0 if none.</summary>
    public long LastEdgeTimestamp => Volatile.Read(ref _lastEdge);

    /// <summary>Whether the last edge made the input active.</summary>
    public bool LastEdgeActive => Volatile.Read(ref _lastEdgeActive) != 0;

    public bool Read() => (_gpio.Read(_pin) == PinValue.High) != _activeLow;

    public void Dispose()
    {
        if (_onEdge is not null)
        {
            _gpio.UnregisterCallbackForPinValueChangedEvent(_pin, _onEdge);
        }
    }

    private void OnEdge(object sender, PinValueChangedEventArgs args)
    {
        var active = (args.ChangeType == PinEventTypes.Rising) != _activeLow;
        Volatile.Write(ref _lastEdgeActive, active ? 1 : 0);
        Volatile.Write(ref _lastEdge, _clock.GetTimestamp());
    }
}

/// <summary>The pin's internal bias resistor.</summary>
public enum InputBias
{
    None,
    PullUp,
    PullDown,
}
