using System.Buffers.Binary;
using System.Device.I2c;

namespace HydroOxygen.Simulator.Devices;

/// <summary>
/// A register-level ADS1115 on a simulated I2C bus: what the real driver talks to in tests and in
/// the simulator. It keeps the chip's four registers and its pointer register, converts on its own
/// clock, and can be made to fail the ways a chip on a cable fails.
/// </summary>
/// <remarks>
/// <para>
/// Follows the datasheet: config resets to 0x8583; a write is [pointer] or [pointer, MSB, LSB]; a
/// read returns the selected register MSB first. In single-shot mode, writing OS = 1 while powered
/// down starts one conversion that completes 1 / rate later on the fake's clock; OS reads 0 until
/// then and the chip powers down after. In continuous mode a conversion completes every 1 / rate; a
/// config write while converting lets the conversion in progress finish with the old settings first,
/// and leaving continuous mode powers down only once the conversion in progress has completed.
/// The datasheet defines the OS read-back only in single-shot mode; here it reads 0 (converting)
/// in continuous mode. MUX selects between the four input voltages (differential = difference,
/// single-ended cannot go below ground), PGA clips to ±full scale, and the result is rounded to a
/// 16-bit code.
/// </para>
/// <para>
/// The bit fields are decoded here independently of the driver's <c>Ads1115Config</c>, so that
/// tests of the driver against the fake check the driver's encoding, not agree with it by
/// construction. Conversions are evaluated lazily, before every transfer or at <see cref="Advance"/>:
/// each completed conversion samples its input exactly once, at the moment the fake catches up
/// with it (the plant cannot be sampled in the past), whether anybody reads it or not.
/// </para>
/// <para>
/// Protocol mistakes a driver could make (a 2-byte write, a pointer above 3, an empty read) throw
/// <see cref="ArgumentException"/> and are counted in <see cref="ProtocolErrors"/>, so a test can
/// tell a driver bug from a simulated bus fault. Not thread-safe, like the bus it stands for.
/// </para>
/// </remarks>
public sealed partial class Ads1115Fake : I2cDevice
{
    public const ushort ConfigResetValue = 0x8583;
    public const ushort LoThreshResetValue = 0x8000;
    public const ushort HiThreshResetValue = 0x7FFF;

    private const byte ConversionPointer = 0x00;
    private const byte ConfigPointer = 0x01;
    private const byte LoThreshPointer = 0x02;
    private const byte HiThreshPointer = 0x03;

    private const int OsBit = 1 << 15;
    private const int ModeBit = 1 << 8;

    /// <summary>Tolerance for "1 / rate has passed", so exact test times are not lost to rounding.</summary>
    private const double TimeEpsilon = 1e-12;

    /// <summary>PGA[11:9] → full-scale volts (110 and 111 are ±0.256 V too).</summary>
    private static readonly double[] FullScaleVolts = [6.144, 4.096, 2.048, 1.024, 0.512, 0.256, 0.256, 0.256];

    /// <summary>DR[7:5] → samples per second.</summary>
    private static readonly int[] SamplesPerSecond = [8, 16, 32, 64, 128, 250, 475, 860];

    /// <summary>MUX[14:12] → the positive AIN and the negative AIN (−1 = ground).</summary>
    private static readonly (int Positive, int Negative)[] Multiplexer =
        [(0, 1), (0, 3), (1, 3), (2, 3), (0, -1), (1, -1), (2, -1), (3, -1)];

    private readonly Func<double> _clock;
    private readonly Func<int, double> _inputVolts;

    private ushort _config;
    private ushort _loThresh;
    private ushort _hiThresh;
    private short _conversion;
    private byte _pointer;

    // Single-shot conversion in progress.
    private bool _converting;
    private double _conversionDueAt;
    private ushort _conversionConfig;

    // Continuous conversions: a grid of 1 / rate from _continuousSince, of which _continuousDone
    // have been accounted for. _handoverAt is when the conversion that was in progress at a config
    // write completes with _handoverConfig, before the grid with the new settings begins.
    private bool _continuous;
    private double _continuousSince;
    private long _continuousDone;
    private bool _handover;
    private double _handoverAt;
    private ushort _handoverConfig;

    private long _conversions;
    private int _nacksToCome;
    private bool _disposed;

    /// <param name="clockSeconds">The chip's clock, seconds (the plant's time, or a test's manual clock).</param>
    /// <param name="inputVolts">The voltage on AIN0–AIN3 against ground, by pin index.</param>
    /// <param name="address">The I2C address, 0x48–0x4B.</param>
    public Ads1115Fake(Func<double> clockSeconds, Func<int, double> inputVolts, int address = 0x48, int busId = 1)
    {
        ArgumentNullException.ThrowIfNull(clockSeconds);
        ArgumentNullException.ThrowIfNull(inputVolts);
        if (address is < 0x48 or > 0x4B)
        {
            throw new ArgumentOutOfRangeException(nameof(address), address, "An ADS1115 answers at 0x48–0x4B.");
        }

        _clock = clockSeconds;
        _inputVolts = inputVolts;
        ConnectionSettings = new I2cConnectionSettings(busId, address);
        PowerOnReset();
    }

    public override I2cConnectionSettings ConnectionSettings { get; }

    // ----- fault injection --------------------------------------------------------------------

    /// <summary>While set, every transfer is not acknowledged: it throws <see cref="IOException"/>.</summary>
    public bool Nack { get; set; }

    /// <summary>Also NACKs while this returns true (the plant's ADC-NACK fault flags).</summary>
    public Func<bool>? NackWhen { get; set; }

    /// <summary>While set, no conversion completes: OS stays 0 in single-shot mode, the result never changes.</summary>
    public bool StuckBusy { get; set; }

    /// <summary>NACKs the next <paramref name="transfers"/> transfers, then answers again.</summary>
    public void NackNext(int transfers)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(transfers);
        _nacksToCome = transfers;
    }

    /// <summary>What the chip does when its supply dips: every register back to its reset value, conversions stopped.</summary>
    public void PowerOnReset()
    {
        _config = (ushort)(ConfigResetValue & ~OsBit);
        _loThresh = LoThreshResetValue;
        _hiThresh = HiThreshResetValue;
        _conversion = 0;
        _pointer = ConversionPointer;
        _converting = false;
        _continuous = false;
        _handover = false;
    }

    /// <summary>
    /// Completes every conversion due by the clock's now. The chip does this by itself before every
    /// transfer; the simulator calls it once per tick, right after advancing the plant, so that
    /// conversions are sampled as they complete whatever — and however often — the driver reads.
    /// </summary>
    public void Advance() => Update();

    // ----- what a test can observe ------------------------------------------------------------

    /// <summary>Transfers attempted (including NACKed ones and protocol errors).</summary>
    public long Transfers { get; private set; }

    public long NackedTransfers { get; private set; }

    /// <summary>Conversions completed by now, including those nobody read.</summary>
    public long Conversions
    {
        get
        {
            Update();
            return _conversions;
        }
    }

    /// <summary>Transfers the chip could not make sense of (a driver bug, not a bus fault).</summary>
    public long ProtocolErrors { get; private set; }

    /// <summary>When set, every transfer is appended (allocates; leave null on allocation-sensitive paths).</summary>
    public IList<Ads1115FakeTransfer>? TransferLog { get; set; }

    /// <summary>The config register as a read would return it now, OS bit included.</summary>
    public ushort ConfigRegister
    {
        get
        {
            Update();
            return ReadableConfig;
        }
    }

    public short ConversionRegister
    {
        get
        {
            Update();
            return _conversion;
        }
    }

    public ushort LoThreshRegister => _loThresh;

    public ushort HiThreshRegister => _hiThresh;

    public byte PointerRegister => _pointer;

    /// <summary>Whether a conversion is in progress (a single shot, or continuous mode).</summary>
    public bool IsConverting
    {
        get
        {
            Update();
            return _converting || _continuous;
        }
    }

    private ushort ReadableConfig => (ushort)(_config | (_converting || _continuous ? 0 : OsBit));

    // ----- I2cDevice --------------------------------------------------------------------------

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        BeginTransfer(buffer, default);
        Receive(buffer);
        Log(buffer, default);
    }

    public override void Read(Span<byte> buffer)
    {
        BeginTransfer(default, buffer);
        Transmit(buffer);
        Log(default, buffer);
    }

    /// <summary>A write then a read with a repeated start: [pointer] then the register, in one transfer.</summary>
    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        BeginTransfer(writeBuffer, readBuffer);
        Receive(writeBuffer);
        Transmit(readBuffer);
        Log(writeBuffer, readBuffer);
    }

    public override void WriteByte(byte value)
    {
        Span<byte> buffer = [value];
        Write(buffer);
    }

    public override byte ReadByte()
    {
        Span<byte> buffer = stackalloc byte[1];
        Read(buffer);
        return buffer[0];
    }

    protected override void Dispose(bool disposing)
    {
        _disposed = true;
        base.Dispose(disposing);
    }

    // ----- the chip ---------------------------------------------------------------------------

    private void BeginTransfer(ReadOnlySpan<byte> write, ReadOnlySpan<byte> read)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Transfers++;
        var nack = _nacksToCome > 0 || Nack || (NackWhen?.Invoke() ?? false);
        if (_nacksToCome > 0)
        {
            _nacksToCome--;
        }

        if (nack)
        {
            NackedTransfers++;
            TransferLog?.Add(new Ads1115FakeTransfer(write.ToArray(), new byte[read.Length], Nacked: true));
            throw new IOException($"The ADS1115 at 0x{ConnectionSettings.DeviceAddress:X2} did not acknowledge (simulated NACK).");
        }

        Update();
    }

    /// <summary>A write: the pointer byte, then optionally the two bytes of the register it selects.</summary>
    private void Receive(ReadOnlySpan<byte> buffer)
    {
        if (buffer.Length is not (1 or 3))
        {
            throw ProtocolError($"A write is [pointer] or [pointer, MSB, LSB]; got {buffer.Length} bytes.");
        }

        if (buffer[0] > HiThreshPointer)
        {
            throw ProtocolError($"Pointer 0x{buffer[0]:X2}: only 0x00–0x03 select a register.");
        }

        _pointer = buffer[0];
        if (buffer.Length == 1)
        {
            return;
        }

        var value = BinaryPrimitives.ReadUInt16BigEndian(buffer[1..]);
        switch (_pointer)
        {
            case ConfigPointer: WriteConfig(value); break;
            case LoThreshPointer: _loThresh = value; break;
            case HiThreshPointer: _hiThresh = value; break;
            default: break; // The conversion register is read-only: the chip ignores the data.
        }
    }

    /// <summary>A read: the register the pointer selects, MSB first.</summary>
    private void Transmit(Span<byte> buffer)
    {
        if (buffer.Length is not (1 or 2))
        {
            throw ProtocolError($"A register is 2 bytes; a read of {buffer.Length} bytes makes no sense.");
        }

        var value = _pointer switch
        {
            ConversionPointer => (ushort)_conversion,
            ConfigPointer => ReadableConfig,
            LoThreshPointer => _loThresh,
            _ => _hiThresh,
        };
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        bytes[..buffer.Length].CopyTo(buffer);
    }

    private void WriteConfig(ushort value)
    {
        var now = _clock();
        var start = (value & OsBit) != 0;
        var previous = _config;
        _config = (ushort)(value & ~OsBit);
        if ((value & ModeBit) == 0)
        {
            StartContinuous(now, previous);
            return;
        }

        if (_continuous)
        {
            // Leaving continuous mode: the conversion in progress completes, then the chip powers
            // down. OS reads 0 until then, and the OS = 1 in this write has no effect.
            _converting = true;
            _conversionConfig = _handover ? _handoverConfig : previous;
            _conversionDueAt = _handover
                ? _handoverAt
                : _continuousSince + ((_continuousDone + 1) * ConversionSeconds(previous));
            _continuous = false;
            _handover = false;
            return;
        }

        // OS = 1 starts a conversion only from power-down: while one runs, writing OS has no effect.
        if (start && !_converting)
        {
            _converting = true;
            _conversionConfig = _config;
            _conversionDueAt = now + ConversionSeconds(_config);
        }
    }

    private void StartContinuous(double now, ushort previous)
    {
        _converting = false;
        if (_continuous && !_handover)
        {
            // The conversion in progress completes with the old settings; the new ones start after it.
            _handover = true;
            _handoverConfig = previous;
            _handoverAt = _continuousSince + ((_continuousDone + 1) * ConversionSeconds(previous));
            _continuousSince = _handoverAt;
        }
        else if (!_continuous)
        {
            _continuousSince = now;
        }

        _continuous = true;
        _continuousDone = 0;
    }

    /// <summary>Completes whatever conversions the clock says are done, each sampling its input once.</summary>
    private void Update()
    {
        if (StuckBusy)
        {
            return;
        }

        var now = _clock();
        if (_converting)
        {
            if (now + TimeEpsilon >= _conversionDueAt)
            {
                _converting = false;
                Complete(_conversionConfig);
            }

            return;
        }

        if (!_continuous)
        {
            return;
        }

        if (_handover)
        {
            if (now + TimeEpsilon < _handoverAt)
            {
                return;
            }

            _handover = false;
            Complete(_handoverConfig);
        }

        // Every conversion samples its input, read or not, so that the noise drawn for a conversion
        // does not depend on how often anybody looked at the chip.
        var done = (long)Math.Floor(((now - _continuousSince) / ConversionSeconds(_config)) + 1e-9);
        for (; _continuousDone < done; _continuousDone++)
        {
            Complete(_config);
        }
    }

    private void Complete(ushort config)
    {
        _conversions++;
        _conversion = Convert(config);
    }

    /// <summary>One conversion: the selected input, clipped to ±full scale and rounded to a 16-bit code.</summary>
    private short Convert(ushort config)
    {
        var (positive, negative) = Multiplexer[(config >> 12) & 0b111];
        var volts = negative < 0
            ? Math.Max(0.0, _inputVolts(positive)) // The input's ESD diode clamps it at ground.
            : _inputVolts(positive) - _inputVolts(negative);
        if (double.IsNaN(volts))
        {
            volts = 0.0;
        }

        var code = Math.Round(volts / FullScaleVolts[(config >> 9) & 0b111] * 32768.0);
        return (short)Math.Clamp(code, short.MinValue, short.MaxValue);
    }

    private static double ConversionSeconds(ushort config) => 1.0 / SamplesPerSecond[(config >> 5) & 0b111];

    private ArgumentException ProtocolError(string message)
    {
        ProtocolErrors++;
        return new ArgumentException(message);
    }

    private void Log(ReadOnlySpan<byte> written, ReadOnlySpan<byte> read)
    {
        TransferLog?.Add(new Ads1115FakeTransfer(written.ToArray(), read.ToArray(), Nacked: false));
    }
}
