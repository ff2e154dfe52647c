using System.Device.Gpio;
using HydroOxygen.Hal;
using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.Simulator.Devices;

/// <summary>
/// A GPIO driver whose pins are wired to the plant instead of the SoC: output pins drive the
/// plant's coils, input pins read its switches (with the configured polarity), exactly as the
/// real board's pins would. Lets the real Raspberry Pi HAL run in closed loop with the simulator.
/// </summary>
public sealed class PlantGpioDriver : GpioDriver
{
    private readonly SprayPlant _plant;
    private readonly Dictionary<int, PinWiring> _wiring;
    private readonly Dictionary<int, PinMode> _modes = [];
    private readonly Dictionary<int, PinValue> _outputs = [];
    private readonly Dictionary<int, (PinEventTypes Types, PinChangeEventHandler Handler)> _callbacks = [];
    private readonly Dictionary<int, PinValue> _lastInputs = [];

    /// <param name="wiring">What each BCM pin is connected to.</param>
    public PlantGpioDriver(SprayPlant plant, IEnumerable<PinWiring> wiring)
    {
        ArgumentNullException.ThrowIfNull(plant);
        ArgumentNullException.ThrowIfNull(wiring);
        _plant = plant;
        _wiring = wiring.ToDictionary(w => w.Pin);
    }

    /// <summary>Pins the driver refuses to open (to exercise start-up failures).</summary>
    public ISet<int> BrokenPins { get; } = new HashSet<int>();

    protected override int PinCount => 28;

    /// <summary>Raises edge callbacks for inputs that changed since the last call (the plant moves between ticks).</summary>
    public void PollEdges()
    {
        foreach (var (pin, (types, handler)) in _callbacks)
        {
            var now = Read(pin);
            if (_lastInputs.TryGetValue(pin, out var before) && before != now)
            {
                var change = now == PinValue.High ? PinEventTypes.Rising : PinEventTypes.Falling;
                if ((types & change) != 0)
                {
                    handler(this, new PinValueChangedEventArgs(change, pin));
                }
            }

            _lastInputs[pin] = now;
        }
    }

    protected override void OpenPin(int pinNumber)
    {
        if (BrokenPins.Contains(pinNumber) || pinNumber is < 0 or >= 28)
        {
            throw new IOException($"GPIO {pinNumber} could not be opened.");
        }

        _modes[pinNumber] = PinMode.Input;
    }

    protected override void ClosePin(int pinNumber)
    {
        if (_outputs.ContainsKey(pinNumber))
        {
            Write(pinNumber, PinValue.Low);
        }

        _modes.Remove(pinNumber);
        _outputs.Remove(pinNumber);
    }

    protected override void SetPinMode(int pinNumber, PinMode mode)
    {
        _modes[pinNumber] = mode;
        if (mode == PinMode.Output && !_outputs.ContainsKey(pinNumber))
        {
            Write(pinNumber, PinValue.Low);
        }
    }

    protected override PinMode GetPinMode(int pinNumber) => _modes.TryGetValue(pinNumber, out var mode) ? mode : PinMode.Input;

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) => true;

    protected override PinValue Read(int pinNumber)
    {
        if (_outputs.TryGetValue(pinNumber, out var driven))
        {
            return driven;
        }

        if (!_wiring.TryGetValue(pinNumber, out var wiring))
        {
            return PinValue.Low;
        }

        var active = wiring.Channel switch
        {
            BoardChannel.FootSwitch => _plant.FootSwitch.ContactClosed(_plant.Time),
            BoardChannel.PowerSwitch => _plant.PowerSwitchOn,
            BoardChannel.LiquidLevel => _plant.LiquidLevelSwitch,
            _ => false,
        };
        return active != wiring.ActiveLow ? PinValue.High : PinValue.Low;
    }

    protected override void Write(int pinNumber, PinValue value)
    {
        _outputs[pinNumber] = value;
        if (_wiring.TryGetValue(pinNumber, out var wiring) && CoilOf(wiring.Channel) is { } coil)
        {
            _plant.SetCoil(coil, value == PinValue.High);
        }
    }

    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The plant GPIO driver reports edges through callbacks only.");

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
    {
        _callbacks[pinNumber] = (eventTypes, callback);
        _lastInputs[pinNumber] = Read(pinNumber);
    }

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback) => _callbacks.Remove(pinNumber);

    private static PlantCoil? CoilOf(BoardChannel channel) => channel switch
    {
        BoardChannel.OxygenSourceValve => PlantCoil.OxygenSourceValve,
        BoardChannel.CompressorSourceValve => PlantCoil.CompressorSourceValve,
        BoardChannel.VentValve => PlantCoil.VentValve,
        BoardChannel.ChargeValve => PlantCoil.ChargeValve,
        BoardChannel.SprayValve => PlantCoil.SprayValve,
        BoardChannel.Compressor => PlantCoil.Compressor,
        _ => null,
    };
}

/// <summary>What a BCM pin is wired to, and whether the signal is active-low.</summary>
public readonly record struct PinWiring(int Pin, BoardChannel Channel, bool ActiveLow = false);
