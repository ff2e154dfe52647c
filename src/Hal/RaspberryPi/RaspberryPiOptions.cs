using System.Globalization;

namespace HydroOxygen.Hal.RaspberryPi;

/// <summary>Which System.Device.Gpio driver talks to the GPIO chip.</summary>
public enum GpioDriverKind
{
    /// <summary>
    /// The libgpiod v2 API (libgpiod.so.3, Debian package libgpiod3): Raspberry Pi OS based on
    /// Debian 13 trixie and later. Bookworm does not have it.
    /// </summary>
    LibGpiodV2,

    /// <summary>
    /// The libgpiod v1 API (libgpiod.so.2, Debian package libgpiod2 — the "2" is the soname, not
    /// the API): Raspberry Pi OS based on Debian 12 Bookworm and older.
    /// </summary>
    LibGpiod,

    /// <summary>Direct register access (Pi 3/4 only).</summary>
    RaspberryPi3,

    /// <summary>The deprecated sysfs interface.</summary>
    SysFs,
}

/// <summary>A switch input: its BCM pin, wiring polarity and bias.</summary>
public sealed record InputPin
{
    public int Pin { get; init; }
    public bool ActiveLow { get; init; } = true;
    public InputBias Bias { get; init; } = InputBias.PullUp;
}

/// <summary>
/// The wiring of the Raspberry Pi board (the <c>Device:RaspberryPi</c> section). Pins are BCM
/// numbers. The default map keeps every output on GPIO 12–27, which the SoC pulls down from reset
/// until the service claims them, so no coil is energized while the Pi boots.
/// </summary>
public sealed record RaspberryPiOptions : ISettingsSection
{
    /// <summary>Where these options sit in the configuration.</summary>
    public const string Section = "Device:RaspberryPi";

    public GpioDriverKind GpioDriver { get; init; } = GpioDriverKind.LibGpiodV2;

    /// <summary>GPIO chip number; -1 picks the chip that carries the 40-pin header's lines.</summary>
    public int GpioChip { get; init; } = -1;

    public int OxygenSourceValvePin { get; init; } = 16;
    public int CompressorSourceValvePin { get; init; } = 20;
    public int VentValvePin { get; init; } = 21;
    public int ChargeValvePin { get; init; } = 26;
    public int SprayValvePin { get; init; } = 13;
    public int CompressorPin { get; init; } = 12;
    public int IndicatorPin { get; init; } = 24;

    public InputPin FootSwitch { get; init; } = new() { Pin = 17 };
    public InputPin PowerSwitch { get; init; } = new() { Pin = 27 };
    public InputPin LiquidLevel { get; init; } = new() { Pin = 22 };

    /// <summary>Hardware PWM chip and channel of the inlet valve (pwm-2chan: channel 0 on GPIO 18).</summary>
    public int InletPwmChip { get; init; }
    public int InletPwmChannel { get; init; }
    public int InletPwmFrequencyHz { get; init; } = 1000;
    public double InletCrackingDuty { get; init; }
    public double InletFullOpenDuty { get; init; } = 1.0;

    public int I2cBus { get; init; } = 1;

    /// <summary>ADS1115 reading P_out alone in continuous mode (AIN0). Hex ("0x48") or decimal.</summary>
    public string OutletAdcAddress { get; init; } = "0x48";

    /// <summary>ADS1115 scanning P_bottle (AIN0) and P_src (AIN1), and the pressure knob (AIN2) if fitted.</summary>
    public string MultiplexedAdcAddress { get; init; } = "0x49";

    public bool PressureKnobFitted { get; init; }

    /// <summary>
    /// Supply of the ratiometric transducers, V (5 V nominal; measure it for best accuracy). The
    /// ADS1115s share this rail, so 4.5–5.5 V: the transducers' ±10 % and the converter's VDD range.
    /// </summary>
    public double TransducerSupplyVolts { get; init; } = 5.0;

    /// <summary>The transducers' characteristic on <see cref="TransducerSupplyVolts"/>.</summary>
    public TransducerSpec Transducer => TransducerSpec.Default with { SupplyVolts = TransducerSupplyVolts };

    /// <summary>The GPIO pin that pwm-2chan routes each PWM channel to, so nothing else may use it.</summary>
    public int InletPwmPin => InletPwmChannel == 0 ? 18 : 19;

    public int OutletAdcAddressValue => ParseAddress(OutletAdcAddress);
    public int MultiplexedAdcAddressValue => ParseAddress(MultiplexedAdcAddress);

    /// <summary>Every output pin by its board channel.</summary>
    public IReadOnlyList<(BoardChannel Channel, int Pin)> OutputPins =>
    [
        (BoardChannel.OxygenSourceValve, OxygenSourceValvePin),
        (BoardChannel.CompressorSourceValve, CompressorSourceValvePin),
        (BoardChannel.VentValve, VentValvePin),
        (BoardChannel.ChargeValve, ChargeValvePin),
        (BoardChannel.SprayValve, SprayValvePin),
        (BoardChannel.Compressor, CompressorPin),
        (BoardChannel.Indicator, IndicatorPin),
    ];

    public IReadOnlyList<(BoardChannel Channel, InputPin Input)> InputPins =>
    [
        (BoardChannel.FootSwitch, FootSwitch),
        (BoardChannel.PowerSwitch, PowerSwitch),
        (BoardChannel.LiquidLevel, LiquidLevel),
    ];

    /// <summary>Adds every problem with the wiring under <paramref name="errors"/>'s section.</summary>
    public void Validate(SettingsErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var owners = new Dictionary<int, string>
        {
            [I2cBus == 1 ? 2 : -2] = "I2C SDA",
            [I2cBus == 1 ? 3 : -3] = "I2C SCL",
            [InletPwmPin] = $"inlet PWM channel {InletPwmChannel}",
        };

        foreach (var (channel, pin) in OutputPins)
        {
            Claim(pin, $"{channel}Pin", channel.ToString());
        }

        foreach (var (channel, input) in InputPins)
        {
            Claim(input.Pin, $"{channel}:Pin", channel.ToString());
            errors.OneOf(input.Bias, $"{channel}:Bias");
        }

        errors.OneOf(GpioDriver, nameof(GpioDriver));
        if (GpioChip < -1)
        {
            errors.Add(nameof(GpioChip), "GpioChip", "must be -1 (find it) or a chip number, was {0}", GpioChip);
        }

        if (InletPwmChannel is not (0 or 1))
        {
            errors.Add(nameof(InletPwmChannel), "PwmChannel", "must be 0 or 1 (pwm-2chan), was {0}", InletPwmChannel);
        }

        errors.Range(InletPwmFrequencyHz, 50, 20_000, nameof(InletPwmFrequencyHz));
        if (!(InletCrackingDuty >= 0 && InletCrackingDuty < InletFullOpenDuty && InletFullOpenDuty <= 1))
        {
            errors.Add(
                $"{nameof(InletCrackingDuty)}/{nameof(InletFullOpenDuty)}",
                "InletDuties",
                "must satisfy 0 <= cracking < full open <= 1, were {0} and {1}",
                SettingsErrors.N(InletCrackingDuty),
                SettingsErrors.N(InletFullOpenDuty));
        }

        if (I2cBus < 0)
        {
            errors.Add(nameof(I2cBus), "I2cBus", "must be a bus number, was {0}", I2cBus);
        }

        var outlet = CheckAddress(OutletAdcAddress, nameof(OutletAdcAddress));
        var multiplexed = CheckAddress(MultiplexedAdcAddress, nameof(MultiplexedAdcAddress));
        if (outlet is not null && outlet == multiplexed)
        {
            errors.Add(
                nameof(MultiplexedAdcAddress),
                "AdcAddressTaken",
                "{0} is already the OutletAdcAddress; the two converters need different ADDR wiring",
                MultiplexedAdcAddress);
        }

        if (!(TransducerSupplyVolts is >= 4.5 and <= 5.5))
        {
            errors.Add(
                nameof(TransducerSupplyVolts),
                "TransducerSupply",
                "must be within 4.5–5.5 (the 5 V rail of the transducers and the ADS1115s), was {0}",
                SettingsErrors.N(TransducerSupplyVolts));
        }
        else
        {
            // The board builds its transducers from this spec: whatever it would refuse is refused here, by key.
            foreach (var problem in Transducer.Problems(TransducerSpec.Section))
            {
                errors.Add(nameof(TransducerSupplyVolts), problem.Id, problem.English, [.. problem.Arguments]);
            }
        }

        void Claim(int pin, string key, string owner)
        {
            if (pin is < 2 or > 27)
            {
                errors.Add(key, "NotHeaderGpio", "GPIO {0} is not a header GPIO (2–27)", pin);
            }
            else if (owners.TryGetValue(pin, out var other))
            {
                errors.Add(key, "GpioTaken", "GPIO {0} is already used by {1}", pin, other);
            }
            else
            {
                owners[pin] = owner;
            }
        }

        int? CheckAddress(string text, string key)
        {
            try
            {
                var address = ParseAddress(text);
                if (address is < 0x48 or > 0x4B)
                {
                    errors.Add(key, "AdcAddressRange", "0x{0:X2} is not an ADS1115 address (0x48–0x4B)", address);
                    return null;
                }

                return address;
            }
            catch (Exception ex) when (ex is FormatException or OverflowException)
            {
                errors.Add(key, "AdcAddressFormat", "'{0}' is not an address; write it as 0x48 or 72", text);
                return null;
            }
        }
    }

    private static int ParseAddress(string text)
    {
        var trimmed = text.Trim();
        return trimmed.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? int.Parse(trimmed.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)
            : int.Parse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture);
    }
}
