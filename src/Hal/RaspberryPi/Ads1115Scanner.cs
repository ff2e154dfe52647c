namespace HydroOxygen.Hal.RaspberryPi;

/// <summary>
/// Converts several inputs of one ADS1115 in turn with single-shot conversions, without ever
/// waiting on the chip: each <see cref="Poll"/> (once per control tick) collects the conversion it
/// started last time, if the OS bit says it is done, and starts the next input's.
/// </summary>
/// <remarks>
/// <para>
/// At 860 SPS a conversion takes 1.16 ms (1.29 ms with the oscillator at its slowest), so polled
/// every 2 ms each poll finds one finished: with two inputs each gets a fresh sample every 4 ms.
/// </para>
/// <para>
/// Every poll reads the OS bit first, and a conversion is only started with the chip idle: a busy
/// chip ignores a start, and a result collected after that would belong to another input. A
/// conversion still running when polled is left to finish (<see cref="BusyPolls"/> counts these);
/// one still running after <see cref="Ads1115.ConversionDeadline"/> is a
/// <see cref="AnalogStatus.Timeout"/> for its input and the scan moves on. A bus error is a
/// <see cref="AnalogStatus.BusError"/> for the input being converted. Either way the input keeps the
/// sequence number and timestamp of its last good conversion, so the controller sees it age.
/// Recovery and back-off are the driver's (<see cref="Ads1115"/>).
/// </para>
/// </remarks>
public sealed class Ads1115Scanner
{
    private readonly Ads1115 _adc;
    private readonly TimeProvider _time;
    private readonly Ads1115InputMultiplexer[] _multiplexers;
    private readonly AnalogSample[] _samples;
    private int _current;
    private bool _converting;
    private long _startedAt;

    internal Ads1115Scanner(Ads1115 adc, ReadOnlySpan<Ads1115InputMultiplexer> inputs)
    {
        if (inputs.IsEmpty)
        {
            throw new ArgumentException("A scan needs at least one input.", nameof(inputs));
        }

        for (var i = 0; i < inputs.Length; i++)
        {
            if (!Enum.IsDefined(inputs[i]))
            {
                throw new ArgumentOutOfRangeException(nameof(inputs), inputs[i], $"Input {i} is not an ADS1115 input multiplexer setting.");
            }

            if (inputs[..i].Contains(inputs[i]))
            {
                throw new ArgumentException($"{inputs[i]} is in the scan twice.", nameof(inputs));
            }
        }

        _adc = adc;
        _time = adc.TimeProvider;
        _multiplexers = inputs.ToArray();
        _samples = new AnalogSample[inputs.Length];
        var created = _time.GetTimestamp();
        var channels = new IAnalogInput[inputs.Length];
        for (var i = 0; i < inputs.Length; i++)
        {
            _samples[i] = new AnalogSample(double.NaN, AnalogStatus.NotReady, created, 0);
            channels[i] = new Ads1115ScanInput(this, i);
        }

        Multiplexers = Array.AsReadOnly(_multiplexers);
        Inputs = Array.AsReadOnly(channels);
    }

    /// <summary>The scanned inputs, in scan order.</summary>
    public IReadOnlyList<Ads1115InputMultiplexer> Multiplexers { get; }

    /// <summary>Each scanned input as the HAL's analog input, in scan order; <c>Read</c> returns its latest sample.</summary>
    public IReadOnlyList<IAnalogInput> Inputs { get; }

    /// <summary>Polls that found the conversion still running and left it to finish.</summary>
    public long BusyPolls { get; private set; }

    /// <summary>The latest sample of the input at <paramref name="index"/> in scan order.</summary>
    public AnalogSample Latest(int index) => _samples[index];

    /// <summary>Collects the finished conversion, if any, and starts the next. Never blocks, never throws.</summary>
    public void Poll()
    {
        var now = _time.GetTimestamp();
        if (!_adc.TryAcquireBus(now))
        {
            return;
        }

        if (!_adc.TryReadIdle(out var idle))
        {
            Fail(AnalogStatus.BusError, now);
            return;
        }

        if (!idle)
        {
            // Our conversion is still running — or one abandoned after a failure, which the chip
            // finishes before it will accept a new start.
            if (now - _startedAt <= _adc.DeadlineTicks)
            {
                BusyPolls++;
            }
            else
            {
                Fail(AnalogStatus.Timeout, now);
            }

            return;
        }

        if (_converting && !Collect(now))
        {
            return;
        }

        Start(now);
    }

    private bool Collect(long now)
    {
        if (!_adc.TryReadVolts(out var volts))
        {
            Fail(AnalogStatus.BusError, now);
            return false;
        }

        _adc.RecordGoodConversion();
        _samples[_current] = new AnalogSample(volts, AnalogStatus.Ok, now, _samples[_current].Sequence + 1);
        MoveToNextInput();
        return true;
    }

    /// <summary>Starts the current input's conversion; called only with the chip seen idle, since a busy chip ignores a start.</summary>
    private void Start(long now)
    {
        if (_adc.TryStartSingleShot(_multiplexers[_current]))
        {
            _converting = true;
            _startedAt = _time.GetTimestamp();
        }
        else
        {
            Fail(AnalogStatus.BusError, now);
        }
    }

    /// <summary>
    /// Marks the current input failed (keeping its sequence and timestamp), abandons its conversion
    /// and moves on to the next input. Whatever the chip is still doing gets a fresh deadline before
    /// it counts against the next input, and its result, if it comes, is never collected.
    /// </summary>
    private void Fail(AnalogStatus status, long now)
    {
        ref var sample = ref _samples[_current];
        sample = sample with { Volts = double.NaN, Status = status };
        _adc.RecordFailure(status, now);
        MoveToNextInput();
        _startedAt = now;
    }

    private void MoveToNextInput()
    {
        _converting = false;
        _current = (_current + 1) % _multiplexers.Length;
    }
}
