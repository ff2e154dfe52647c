using System.Buffers.Binary;
using System.Device.I2c;

namespace HydroOxygen.Hal.RaspberryPi;

/// <summary>
/// The TI ADS1115 16-bit delta-sigma ADC on I2C, used two ways: converting one input continuously
/// (<see cref="StartContinuous"/>, then read as the HAL's <see cref="IAnalogInput"/>: <see cref="ReadLatest"/>,
/// for P_out at 860 SPS), or scanning several inputs with single-shot conversions without ever
/// waiting on the chip (<see cref="CreateScanner"/>).
/// </summary>
/// <remarks>
/// <para>
/// Bus trouble never throws out of a read: the control loop calls them every tick, so a NACK comes
/// back as <see cref="AnalogStatus.BusError"/>, a conversion that does not finish by its deadline as
/// <see cref="AnalogStatus.Timeout"/>. After <see cref="Ads1115RecoveryPolicy.FailuresBeforeRecovery"/>
/// failures in a row the driver recovers — re-opens the device if it was given a way to, and
/// re-writes its configuration (the chip may have browned out to its reset state) — pausing with a
/// growing back-off between attempts instead of trying on every tick.
/// </para>
/// <para>
/// A chip can also fail without a NACK: a supply dip resets it to single-shot and powered down,
/// and it goes on acknowledging reads of a conversion register that no longer changes. Continuous
/// mode therefore reads the config register back every <see cref="ConfigCheckInterval"/> (and
/// before reporting a conversion code of 0, the register's reset value); a mismatch is reported as
/// <see cref="AnalogStatus.ConfigurationLost"/> and the chip reconfigured. A conversion that is
/// stuck while the configuration holds cannot be seen in the registers — in continuous mode OS
/// reads "converting" whether or not conversions complete, and the ALERT/RDY pin is not wired — so
/// it shows up as the very same code read after read, which the controller's sensor plausibility
/// check reports as a frozen sensor.
/// </para>
/// <para>
/// Deadlines come from the injected <see cref="TimeProvider"/>, never from counting polls, so the
/// driver behaves the same in real time and in the simulator's virtual time. The read paths do not
/// allocate. Not thread-safe: one thread (the control loop's) owns the driver.
/// </para>
/// </remarks>
public sealed class Ads1115 : IAnalogInput, IDisposable
{
    /// <summary>The lowest I2C address (ADDR tied to GND).</summary>
    public const int MinAddress = 0x48;

    /// <summary>The highest I2C address (ADDR tied to SCL).</summary>
    public const int MaxAddress = 0x4B;

    /// <summary>The internal oscillator is good to ±10 %, so a conversion can take 1 / (0.9 × rate).</summary>
    private const double OscillatorTolerance = 0.10;

    private const byte PointerUnknown = 0xFF;

    /// <summary>Every config bit but OS, which reads back the conversion state rather than what was written.</summary>
    private const ushort ConfigBitsExceptOs = 0x7FFF;

    /// <summary>What the conversion register holds after power-on, and keeps until a conversion completes.</summary>
    private const ushort ConversionResetValue = 0x0000;

    /// <summary>
    /// Slack between the chip's clock and the driver's timestamps: each is taken around an I2C
    /// transfer, and a 3-byte write takes about 0.3 ms at 100 kHz.
    /// </summary>
    private static readonly TimeSpan BusLatency = TimeSpan.FromMilliseconds(0.5);

    private readonly TimeProvider _time;
    private readonly Func<I2cDevice>? _reopenDevice;
    private readonly long _worstCaseConversionTicks;
    private readonly long _deadlineTicks;
    private readonly long _initialBackOffTicks;
    private readonly long _maxBackOffTicks;
    private readonly long _configCheckTicks;
    private readonly double _voltsPerCode;

    private I2cDevice? _device;
    private bool _disposed;

    // What the pointer register selects now, so a repeated read of the same register is a bare
    // 2-byte read; unknown after any failed transfer.
    private byte _pointer = PointerUnknown;

    private Usage _usage;

    // Whether the chip has acknowledged the configuration the current usage needs.
    private bool _configured;

    // Continuous mode.
    private Ads1115InputMultiplexer _continuousInput;
    private AnalogSample _latest;
    private AnalogStatus _status = AnalogStatus.NotReady;
    private long _firstConversionDue;

    // The config register as last written (OS excepted) and when to read it back next.
    private ushort _writtenConfig;
    private long _configCheckDue;

    // Recovery.
    private int _failures;
    private bool _backingOff;
    private long _retryAt;
    private long _backOffTicks;

    /// <param name="device">The chip's I2C device; the driver owns it and disposes it.</param>
    /// <param name="timeProvider">Where sample timestamps and conversion deadlines come from.</param>
    /// <param name="gain">The PGA full scale. ±6.144 V suits 0.5–4.5 V transducers on a 5 V supply.</param>
    /// <param name="dataRate">Conversions per second.</param>
    /// <param name="recovery">When to recover a failing chip; <see cref="Ads1115RecoveryPolicy.Default"/> if null.</param>
    /// <param name="reopenDevice">
    /// Opens a fresh I2C device for the same chip during recovery (for example
    /// <c>() => hardware.OpenI2c(bus, address)</c>); without it recovery only re-writes the configuration.
    /// </param>
    public Ads1115(
        I2cDevice device,
        TimeProvider timeProvider,
        Ads1115Gain gain = Ads1115Gain.FullScale6144mV,
        Ads1115DataRate dataRate = Ads1115DataRate.Sps860,
        Ads1115RecoveryPolicy? recovery = null,
        Func<I2cDevice>? reopenDevice = null)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var address = device.ConnectionSettings.DeviceAddress;
        if (address is < MinAddress or > MaxAddress)
        {
            throw new ArgumentException(
                $"The ADS1115 answers at 0x48–0x4B (ADDR tied to GND, VDD, SDA or SCL); this device is at 0x{address:X2}.",
                nameof(device));
        }

        if (!Enum.IsDefined(gain))
        {
            throw new ArgumentOutOfRangeException(nameof(gain), gain, "Not an ADS1115 PGA setting.");
        }

        if (!Enum.IsDefined(dataRate))
        {
            throw new ArgumentOutOfRangeException(nameof(dataRate), dataRate, "Not an ADS1115 data rate.");
        }

        recovery ??= Ads1115RecoveryPolicy.Default;
        SettingsErrors.ThrowIfAny(recovery.Problems("Recovery"), "Invalid ADS1115 recovery policy");

        _device = device;
        _time = timeProvider;
        _reopenDevice = reopenDevice;
        DeviceAddress = address;
        Gain = gain;
        DataRate = dataRate;
        Recovery = recovery;
        _voltsPerCode = gain.VoltsPerCode;

        var worstCaseConversion = dataRate.ConversionTime / (1.0 - OscillatorTolerance);
        ConversionDeadline = worstCaseConversion + BusLatency;
        _worstCaseConversionTicks = ToTicks(worstCaseConversion);
        _deadlineTicks = ToTicks(ConversionDeadline);
        _initialBackOffTicks = ToTicks(recovery.InitialBackOff);
        _maxBackOffTicks = ToTicks(recovery.MaxBackOff);
        _configCheckTicks = ToTicks(ConfigCheckInterval);
        _backOffTicks = _initialBackOffTicks;
        _latest = new AnalogSample(double.NaN, AnalogStatus.NotReady, timeProvider.GetTimestamp(), 0);
    }

    private enum Usage : byte
    {
        Idle,
        Continuous,
        Scanning,
    }

    public int DeviceAddress { get; }

    public Ads1115Gain Gain { get; }

    /// <summary>The full-scale voltage of <see cref="Gain"/>.</summary>
    public double FullScaleVolts => Gain.FullScaleVolts;

    public Ads1115DataRate DataRate { get; }

    /// <summary>The nominal conversion time, 1 / <see cref="DataRate"/>.</summary>
    public TimeSpan ConversionTime => DataRate.ConversionTime;

    /// <summary>
    /// How long a conversion is given before it is reported as <see cref="AnalogStatus.Timeout"/>:
    /// the conversion time with the oscillator at its slowest, plus the bus latency.
    /// </summary>
    public TimeSpan ConversionDeadline { get; }

    public Ads1115RecoveryPolicy Recovery { get; }

    /// <summary>
    /// How often continuous mode reads the config register back. A chip that browns out and resets
    /// still acknowledges: it just stops converting (single-shot, powered down) with its conversion
    /// register at 0, and reads of it look like fresh results forever. One read-back per 50 ms is
    /// one extra 3-byte transfer (and a pointer byte on the next read) per 25 ticks of 2 ms — about
    /// 1 % of the bus at 100 kHz — and bounds how long any other corruption of the configuration
    /// (a PGA or MUX changed by a glitch) can pass unnoticed. A conversion code of exactly 0, the
    /// reset value, is checked at once, before it is reported.
    /// </summary>
    public static TimeSpan ConfigCheckInterval { get; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The input converted continuously, or null when the chip is not in continuous mode.</summary>
    public Ads1115InputMultiplexer? ContinuousInput => _usage == Usage.Continuous ? _continuousInput : null;

    /// <summary>Failed operations (bus errors, timeouts) since the last good conversion or recovery.</summary>
    public int ConsecutiveFailures => _failures;

    /// <summary>True from the moment failures start a recovery until the next good conversion.</summary>
    public bool IsRecovering { get; private set; }

    /// <summary>How many times the driver has tried to recover the chip (re-open and re-configure).</summary>
    public long RecoveryAttempts { get; private set; }

    /// <summary>How many recoveries ended with a good conversion.</summary>
    public long Recoveries { get; private set; }

    /// <summary>
    /// How many times continuous mode found the chip no longer holding its configuration (reset or
    /// disturbed) and reconfigured it.
    /// </summary>
    public long ConfigurationLosses { get; private set; }

    /// <summary>The last exception the I2C device threw, for diagnostics; null if it never failed.</summary>
    public Exception? LastBusFault { get; private set; }

    internal TimeProvider TimeProvider => _time;

    internal long DeadlineTicks => _deadlineTicks;

    /// <summary>
    /// Puts the chip into continuous conversion of <paramref name="input"/>. Returns false if the chip
    /// did not acknowledge; the driver keeps trying (and recovering) from <see cref="ReadLatest"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">A scanner owns the chip.</exception>
    public bool StartContinuous(Ads1115InputMultiplexer input)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ThrowIfUndefined(input);
        if (_usage == Usage.Scanning)
        {
            throw new InvalidOperationException(
                $"The ADS1115 at 0x{DeviceAddress:X2} is scanned by an {nameof(Ads1115Scanner)}; a chip converts one way at a time.");
        }

        _usage = Usage.Continuous;
        _continuousInput = input;
        _status = AnalogStatus.NotReady;
        _configured = false;
        var now = _time.GetTimestamp();
        if (!TryAcquireBus(now))
        {
            return false;
        }

        if (_configured || TryConfigure())
        {
            return true;
        }

        RecordFailure(AnalogStatus.BusError, now);
        _status = AnalogStatus.BusError;
        return false;
    }

    /// <summary>
    /// The latest continuous conversion. A new one is read from the chip only once a conversion has
    /// certainly completed since the last (the sequence number then increments and the timestamp is
    /// the time of the read); in between, and while the bus fails, the previous sample comes back with
    /// its own sequence number and timestamp, so a reader can tell it is stale. Never throws.
    /// </summary>
    public AnalogSample ReadLatest()
    {
        if (_usage != Usage.Continuous)
        {
            return Stale(_disposed ? AnalogStatus.BusError : AnalogStatus.NotReady);
        }

        var now = _time.GetTimestamp();
        if (!TryAcquireBus(now))
        {
            return Stale(_disposed ? AnalogStatus.BusError : _status);
        }

        if (!_configured && !TryConfigure())
        {
            return Fail(AnalogStatus.BusError, now);
        }

        if (now < _firstConversionDue)
        {
            return Stale(_status);
        }

        if (_status == AnalogStatus.Ok && now - _latest.Timestamp < _worstCaseConversionTicks)
        {
            return _latest;
        }

        var verified = false;
        if (now >= _configCheckDue)
        {
            if (!TryVerifyConfiguration(now, out var failure))
            {
                return Fail(failure, now);
            }

            verified = true;
        }

        if (!TryReadRegister(Ads1115Register.Conversion, out var code))
        {
            return Fail(AnalogStatus.BusError, now);
        }

        // The reset value is also what a chip that has reset since the last check returns: make sure
        // before it is reported. A live 0.5–4.5 V transducer never reads exactly 0 (an open input
        // may, and then pays a read-back per reading while the fault lasts).
        if (code == ConversionResetValue && !verified && !TryVerifyConfiguration(now, out var lost))
        {
            return Fail(lost, now);
        }

        RecordGoodConversion();
        _status = AnalogStatus.Ok;
        _latest = new AnalogSample(ToVolts(code), AnalogStatus.Ok, now, _latest.Sequence + 1);
        return _latest;
    }

    /// <summary>The continuous conversion as the HAL's analog input: <see cref="ReadLatest"/>.</summary>
    AnalogSample IAnalogInput.Read() => ReadLatest();

    /// <summary>
    /// Starts the scan of <paramref name="inputs"/> in turn with single-shot conversions, one per
    /// <see cref="Ads1115Scanner.Poll"/>. The chip then belongs to the scanner.
    /// </summary>
    /// <exception cref="InvalidOperationException">The chip is in continuous mode or already scanned.</exception>
    public Ads1115Scanner CreateScanner(params ReadOnlySpan<Ads1115InputMultiplexer> inputs)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_usage != Usage.Idle)
        {
            throw new InvalidOperationException(_usage == Usage.Scanning
                ? $"The ADS1115 at 0x{DeviceAddress:X2} already has a scanner."
                : $"The ADS1115 at 0x{DeviceAddress:X2} is converting {_continuousInput} continuously; a chip converts one way at a time.");
        }

        var scanner = new Ads1115Scanner(this, inputs);
        _usage = Usage.Scanning;
        return scanner;
    }

    /// <summary>Reads the config register (for diagnostics and service tools). False if the chip did not answer.</summary>
    public bool TryReadConfig(out Ads1115Config config)
    {
        var read = TryReadRegister(Ads1115Register.Config, out var bits);
        config = Ads1115Config.Decode(bits);
        return read;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _device?.Dispose();
        _device = null;
    }

    // ----- what the scanner uses --------------------------------------------------------------

    /// <summary>
    /// Whether the bus may be used now: false while backing off after failures (and once disposed);
    /// when the back-off has run out, makes a recovery attempt and returns its result.
    /// </summary>
    internal bool TryAcquireBus(long now)
    {
        if (_disposed)
        {
            return false;
        }

        if (!_backingOff)
        {
            return true;
        }

        return now >= _retryAt && TryRecover(now);
    }

    internal bool TryStartSingleShot(Ads1115InputMultiplexer input) =>
        TryWriteRegister(Ads1115Register.Config, Configuration(input, Ads1115Mode.SingleShot, startConversion: true).Encode());

    /// <summary>Reads the OS bit: idle (true) when no conversion is in progress.</summary>
    internal bool TryReadIdle(out bool idle)
    {
        var read = TryReadRegister(Ads1115Register.Config, out var bits);
        idle = read && Ads1115Config.Decode(bits).OperationalStatus;
        return read;
    }

    internal bool TryReadVolts(out double volts)
    {
        var read = TryReadRegister(Ads1115Register.Conversion, out var code);
        volts = read ? ToVolts(code) : double.NaN;
        return read;
    }

    /// <summary>Counts a failed operation; enough of them in a row start a recovery after a back-off.</summary>
    internal void RecordFailure(AnalogStatus status, long now)
    {
        _failures++;
        if (!_backingOff && _failures >= Recovery.FailuresBeforeRecovery)
        {
            _backingOff = true;
            IsRecovering = true;
            ScheduleRetry(now);
        }
    }

    internal void RecordGoodConversion()
    {
        _failures = 0;
        _backOffTicks = _initialBackOffTicks;
        if (IsRecovering)
        {
            IsRecovering = false;
            Recoveries++;
        }
    }

    // ----- recovery ---------------------------------------------------------------------------

    private bool TryRecover(long now)
    {
        RecoveryAttempts++;
        if (_reopenDevice is not null)
        {
            Reopen();
        }

        if (TryConfigure())
        {
            _backingOff = false;
            _failures = 0;
            return true;
        }

        ScheduleRetry(now);
        return false;
    }

    private void ScheduleRetry(long now)
    {
        _retryAt = now + _backOffTicks;
        _backOffTicks = Math.Min(_backOffTicks * 2, _maxBackOffTicks);
    }

    private void Reopen()
    {
        var old = _device;
        _device = null;
        _pointer = PointerUnknown;
        try
        {
            old?.Dispose();
            _device = _reopenDevice!();
        }
        catch (Exception ex)
        {
            // Opening /dev/i2c-N can fail in as many ways as the bus itself; the next attempt retries.
            LastBusFault = ex;
        }
    }

    /// <summary>
    /// Reads the config register back in continuous mode. False, with the status to report, if the
    /// chip does not answer or no longer holds what was written (OS aside); the chip is then
    /// reconfigured on the next read — or by recovery, if this keeps happening — and its status
    /// stays an error until a conversion with the right settings has completed.
    /// </summary>
    private bool TryVerifyConfiguration(long now, out AnalogStatus failure)
    {
        if (!TryReadRegister(Ads1115Register.Config, out var config))
        {
            failure = AnalogStatus.BusError;
            return false;
        }

        if (((config ^ _writtenConfig) & ConfigBitsExceptOs) != 0)
        {
            ConfigurationLosses++;
            _configured = false;
            failure = AnalogStatus.ConfigurationLost;
            return false;
        }

        _configCheckDue = now + _configCheckTicks;
        failure = AnalogStatus.Ok;
        return true;
    }

    /// <summary>Writes the configuration the current usage needs: continuous conversion, or single-shot at rest.</summary>
    private bool TryConfigure()
    {
        var config = _usage == Usage.Continuous
            ? Configuration(_continuousInput, Ads1115Mode.Continuous, startConversion: false)
            : Configuration(Ads1115Config.PowerOnReset.Input, Ads1115Mode.SingleShot, startConversion: false);
        _writtenConfig = config.Encode();
        _configured = TryWriteRegister(Ads1115Register.Config, _writtenConfig);
        if (_configured && _usage == Usage.Continuous)
        {
            // A chip that was already converting finishes the conversion in progress with its old
            // settings before starting with the new ones: the first result can take two conversions.
            var now = _time.GetTimestamp();
            _firstConversionDue = now + (2 * _worstCaseConversionTicks);
            _configCheckDue = now + _configCheckTicks;
        }

        return _configured;
    }

    private Ads1115Config Configuration(Ads1115InputMultiplexer input, Ads1115Mode mode, bool startConversion) =>
        Ads1115Config.PowerOnReset with
        {
            OperationalStatus = startConversion,
            Input = input,
            Gain = Gain,
            Mode = mode,
            DataRate = DataRate,
            ComparatorQueue = Ads1115ComparatorQueue.Disabled,
        };

    // ----- the bus ----------------------------------------------------------------------------

    /// <summary>A register write: [pointer, MSB, LSB].</summary>
    private bool TryWriteRegister(Ads1115Register register, ushort value)
    {
        if (_device is null)
        {
            return false;
        }

        Span<byte> frame = stackalloc byte[3];
        frame[0] = (byte)register;
        BinaryPrimitives.WriteUInt16BigEndian(frame[1..], value);
        try
        {
            _device.Write(frame);
            _pointer = (byte)register;
            return true;
        }
        catch (Exception ex)
        {
            return BusFault(ex);
        }
    }

    /// <summary>
    /// A register read: [pointer] then 2 bytes, MSB first — or just the 2 bytes when the pointer
    /// register already selects it, which saves a byte on every repeated read.
    /// </summary>
    private bool TryReadRegister(Ads1115Register register, out ushort value)
    {
        value = 0;
        if (_device is null)
        {
            return false;
        }

        Span<byte> pointer = stackalloc byte[1];
        Span<byte> data = stackalloc byte[2];
        pointer[0] = (byte)register;
        try
        {
            if (_pointer == (byte)register)
            {
                _device.Read(data);
            }
            else
            {
                _device.WriteRead(pointer, data);
                _pointer = (byte)register;
            }

            value = BinaryPrimitives.ReadUInt16BigEndian(data);
            return true;
        }
        catch (Exception ex)
        {
            return BusFault(ex);
        }
    }

    /// <summary>
    /// Any exception from the I2C device is a failed transfer. Linux raises <see cref="IOException"/>
    /// for a NACK, but other adapters raise other types, and on the control tick all of them mean the
    /// same thing: no reading this time.
    /// </summary>
    private bool BusFault(Exception ex)
    {
        LastBusFault = ex;
        _pointer = PointerUnknown;
        return false;
    }

    // ----- helpers ----------------------------------------------------------------------------

    private AnalogSample Fail(AnalogStatus status, long now)
    {
        RecordFailure(status, now);
        _status = status;
        return Stale(status);
    }

    private AnalogSample Stale(AnalogStatus status) =>
        new(double.NaN, status, _latest.Timestamp, _latest.Sequence);

    /// <summary>Code × FS / 32768: the conversion register is a two's-complement int16.</summary>
    private double ToVolts(ushort code) => (short)code * _voltsPerCode;

    private long ToTicks(TimeSpan span) => (long)Math.Ceiling(span.TotalSeconds * _time.TimestampFrequency);

    private static void ThrowIfUndefined(Ads1115InputMultiplexer input)
    {
        if (!Enum.IsDefined(input))
        {
            throw new ArgumentOutOfRangeException(nameof(input), input, "Not an ADS1115 input multiplexer setting.");
        }
    }
}
