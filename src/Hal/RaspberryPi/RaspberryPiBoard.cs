using System.Device.Gpio;

namespace HydroOxygen.Hal.RaspberryPi;

/// <summary>
/// The device on a Raspberry Pi: solenoid coils and the compressor on GPIO outputs, the switches on
/// GPIO inputs, the inlet valve on hardware PWM, and the three transducers on two ADS1115s — P_out
/// alone in continuous mode, P_bottle and P_src scanned by the other.
/// </summary>
/// <remarks>
/// Opening is all-or-nothing: the outputs are claimed first (low, i.e. safe), then everything else;
/// if any part is missing or does not answer, what was opened is put back in the safe state and
/// released, and the error names the part. The controller never falls back to the simulator.
/// </remarks>
public sealed class RaspberryPiBoard : IDeviceBoard
{
    private readonly Parts _parts;
    private readonly IReadOnlyList<GpioOutput> _outputs;
    private readonly HardwarePwm _inletPwm;
    private readonly Ads1115Scanner _scanner;

    private RaspberryPiBoard(Parts parts, string hardware)
    {
        _parts = parts;
        _outputs = parts.Outputs;
        _inletPwm = parts.InletPwm!;
        _scanner = parts.Scanner!;
        OutletAdc = parts.OutletAdc!;
        MultiplexedAdc = parts.MultiplexedAdc!;
        BackendName = $"raspberry-pi ({hardware})";

        var options = parts.Options;
        OxygenSourceValve = Valve(BoardChannel.OxygenSourceValve, options.OxygenSourceValvePin);
        CompressorSourceValve = Valve(BoardChannel.CompressorSourceValve, options.CompressorSourceValvePin);
        VentValve = Valve(BoardChannel.VentValve, options.VentValvePin);
        ChargeValve = Valve(BoardChannel.ChargeValve, options.ChargeValvePin);
        SprayValve = Valve(BoardChannel.SprayValve, options.SprayValvePin);
        Compressor = Output(options.CompressorPin);
        Indicator = new GpioIndicator(Output(options.IndicatorPin), parts.Clock);
        InletValve = new PwmProportionalValve(_inletPwm, options.InletCrackingDuty, options.InletFullOpenDuty);

        var spec = options.Transducer;
        OutletPressure = new RatiometricTransducer(OutletAdc, spec);
        BottlePressure = new RatiometricTransducer(_scanner.Inputs[0], spec);
        SourcePressure = new RatiometricTransducer(_scanner.Inputs[1], spec);

        FootSwitch = Input(options.FootSwitch.Pin);
        PowerSwitch = Input(options.PowerSwitch.Pin);
        LiquidLevel = Input(options.LiquidLevel.Pin);

        ISolenoidValve Valve(BoardChannel channel, int pin) => new SolenoidValve(Output(pin), BoardDescription.NormalPositionOf(channel));
        GpioOutput Output(int pin) => _outputs.Single(o => o.Pin == pin);
        GpioInput Input(int pin) => parts.Inputs.Single(i => i.Pin == pin);
    }

    public string BackendName { get; }

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
    public IIndicator Indicator { get; }

    /// <summary>The converters, for diagnostics (bus faults, recoveries).</summary>
    public Ads1115 OutletAdc { get; }
    public Ads1115 MultiplexedAdc { get; }

    /// <summary>
    /// Opens every part of the board. Throws <see cref="DeviceUnavailableException"/> naming the part
    /// that is missing or does not answer, after putting back whatever it had already opened.
    /// </summary>
    public static RaspberryPiBoard Open(RaspberryPiOptions options, IPiHardware hardware, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(hardware);
        ArgumentNullException.ThrowIfNull(clock);
        var problems = options.Problems(RaspberryPiOptions.Section);
        if (problems.Count > 0)
        {
            throw new DeviceUnavailableException("Invalid Raspberry Pi wiring: " + string.Join("; ", problems));
        }

        var parts = new Parts(options, clock);
        var item = "GPIO controller";
        try
        {
            parts.Gpio = hardware.OpenGpio(options.GpioDriver, options.GpioChip);

            // Outputs first: until a pin is claimed, only the SoC's reset pull-down holds it low.
            foreach (var (channel, pin) in options.OutputPins)
            {
                item = $"{channel} output on GPIO {pin}";
                parts.Outputs.Add(new GpioOutput(parts.Gpio, pin));
            }

            foreach (var (channel, input) in options.InputPins)
            {
                item = $"{channel} input on GPIO {input.Pin}";
                parts.Inputs.Add(new GpioInput(parts.Gpio, input.Pin, input.ActiveLow, input.Bias, clock));
            }

            item = $"inlet PWM (chip {options.InletPwmChip}, channel {options.InletPwmChannel}; is dtoverlay=pwm-2chan set?)";
            parts.InletPwm = new HardwarePwm(hardware.OpenPwm(options.InletPwmChip, options.InletPwmChannel, options.InletPwmFrequencyHz));

            parts.OutletAdc = OpenAdc(hardware, options.I2cBus, options.OutletAdcAddressValue, "outlet (P_out) ADS1115", clock, ref item);
            item = $"outlet (P_out) ADS1115 at 0x{options.OutletAdcAddressValue:X2}: continuous conversion";
            if (!parts.OutletAdc.StartContinuous(Ads1115InputMultiplexer.Ain0))
            {
                throw new DeviceUnavailableException($"The {item} could not be started.");
            }

            parts.MultiplexedAdc = OpenAdc(hardware, options.I2cBus, options.MultiplexedAdcAddressValue, "multiplexed (P_bottle, P_src) ADS1115", clock, ref item);
            parts.Scanner = options.PressureKnobFitted
                ? parts.MultiplexedAdc.CreateScanner(Ads1115InputMultiplexer.Ain0, Ads1115InputMultiplexer.Ain1, Ads1115InputMultiplexer.Ain2)
                : parts.MultiplexedAdc.CreateScanner(Ads1115InputMultiplexer.Ain0, Ads1115InputMultiplexer.Ain1);

            return new RaspberryPiBoard(parts, hardware.Description);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            parts.Release();
            var hint = parts.Gpio is null && GpioDriverSelection.IsMissingLibrary(ex) ? GpioDriverSelection.MissingLibraryHint(options.GpioDriver) : "";
            throw ex as DeviceUnavailableException
                ?? new DeviceUnavailableException($"Could not open the {item}{hint}: {ex.Message}", ex);
        }
    }

    public void BeginTick(long timestamp) => _scanner.Poll();

    public bool ForceSafe()
    {
        var allWritten = true;
        foreach (var output in _outputs)
        {
            allWritten &= TryWrite(output);
        }

        try
        {
            _inletPwm.SetDutyCycle(0.0);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            allWritten = false;
        }

        return allWritten;
    }

    public void Dispose()
    {
        ForceSafe();
        _parts.Release();
    }

    private static Ads1115 OpenAdc(IPiHardware hardware, int bus, int address, string name, TimeProvider clock, ref string item)
    {
        item = $"{name} at 0x{address:X2} on I2C bus {bus}";
        var adc = new Ads1115(hardware.OpenI2c(bus, address), clock, reopenDevice: () => hardware.OpenI2c(bus, address));
        if (!adc.TryReadConfig(out _))
        {
            adc.Dispose();
            throw new DeviceUnavailableException(
                $"The {item} does not answer ({adc.LastBusFault?.Message ?? "no acknowledge"}); check its wiring, its ADDR pin and that I2C is enabled (raspi-config nonint do_i2c 0).");
        }

        return adc;
    }

    private static bool TryWrite(GpioOutput output)
    {
        try
        {
            output.Write(false);
            return true;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return false;
        }
    }

    /// <summary>What has been opened so far, so that a failed open — or the end — can put it all back.</summary>
    private sealed class Parts
    {
        public Parts(RaspberryPiOptions options, TimeProvider clock)
        {
            Options = options;
            Clock = clock;
        }

        public RaspberryPiOptions Options { get; }
        public TimeProvider Clock { get; }
        public GpioController? Gpio { get; set; }
        public List<GpioOutput> Outputs { get; } = [];
        public List<GpioInput> Inputs { get; } = [];
        public HardwarePwm? InletPwm { get; set; }
        public Ads1115? OutletAdc { get; set; }
        public Ads1115? MultiplexedAdc { get; set; }
        public Ads1115Scanner? Scanner { get; set; }

        public void Release()
        {
            foreach (var output in Outputs)
            {
                TryWrite(output);
            }

            Try(() => InletPwm?.Dispose());
            foreach (var input in Inputs)
            {
                Try(input.Dispose);
            }

            Try(() => OutletAdc?.Dispose());
            Try(() => MultiplexedAdc?.Dispose());
            Try(() => Gpio?.Dispose());
        }

        private static void Try(Action action)
        {
            try
            {
                action();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Releasing is best effort: every part gets its turn even if one fails.
            }
        }
    }
}
