using HydroOxygen.Hal;

namespace HydroOxygen.Controller.Core;

/// <summary>
/// Plausibility of one pressure channel (DESIGN §2.5): out of band (open/short), converter error,
/// NaN, stale (no fresh conversion), an impossible slew, stuck (not moving while the valves say it
/// must), or frozen (the very same converter code, conversion after conversion — a live transducer
/// always carries a few codes of noise). It only judges: the caller keeps the last plausible value
/// and takes a sample as the new one when <see cref="Accepted"/>. A sensor is accepted again once it
/// reads sensibly: the first good sample after a bad spell starts afresh rather than being judged
/// against a value from before the fault.
/// </summary>
public struct SensorCheck
{
    /// <summary>A floor for the time between two readings, s: about the fastest a converter delivers (ADS1115 at 860 SPS).</summary>
    private const double MinReadingIntervalS = 0.001;

    private int _badSamples;
    private long _lastSequence;
    private double _lastFreshTime;
    private double _stuckReference;
    private double _stuckSince;
    private double _frozenValue;
    private double _frozenSince;
    private int _frozenWhileMoving;
    private double _startedAt;
    private bool _started;

    /// <summary>The last sample was plausible: it is the channel's reading now.</summary>
    public bool Accepted { get; private set; }

    /// <summary>What was wrong at the last bad sample (for the alarm log).</summary>
    public SensorStatus LastProblem { get; private set; }

    public bool Stuck { get; private set; }

    public bool Frozen { get; private set; }

    /// <summary>The channel's verdict at the last sample: faulty now, whatever alarm is still latched from before.</summary>
    public bool Faulty { get; private set; }

    /// <summary>Judges one sample against the last plausible reading; returns whether the channel is now faulty.</summary>
    /// <param name="lastGoodMpa">The channel's last plausible reading, MPa (the caller's, as of the last sample).</param>
    /// <param name="mustMove">The valves guarantee the pressure is changing quickly right now.</param>
    /// <param name="maxRiseMpaPerS">Faster than this channel's pressure can physically rise (and fall, below).</param>
    public bool Update(
        in PressureSample sample, double lastGoodMpa, double now, SafetySettings settings, bool mustMove, double maxRiseMpaPerS, double maxFallMpaPerS)
    {
        var lastGood = lastGoodMpa;
        if (!_started)
        {
            _started = true;
            _startedAt = now;
            _lastSequence = sample.Sequence;
            _lastFreshTime = now;
            lastGood = sample.IsOk ? sample.Mpa : 0.0;
            _stuckReference = lastGood;
            _stuckSince = now;
        }

        var fresh = sample.Sequence != _lastSequence;

        // A converter that has not finished its first conversion yet (sequence 0) has no reading
        // rather than a bad one — until that has lasted longer than a stale reading may.
        var awaitingFirst = sample.Sequence == 0 && now - _startedAt <= settings.SensorStaleAfterS;
        var bad = !sample.IsOk && !awaitingFirst;
        var impossibleJump = false;
        if (bad)
        {
            LastProblem = sample.Status == SensorStatus.Ok ? SensorStatus.ConverterFault : sample.Status;
        }
        else if (fresh && _badSamples == 0)
        {
            // Never less than a loop period: after a late tick the loop runs its next one at once, and
            // a simulated transducer answers every read with a fresh sample, so two readings a few
            // microseconds apart would turn plain noise into an "impossible" slew.
            var elapsed = Math.Max(now - _lastFreshTime, MinReadingIntervalS);
            var change = sample.Mpa - lastGood;
            if (Math.Abs(change) / elapsed > (change >= 0.0 ? maxRiseMpaPerS : maxFallMpaPerS))
            {
                // No gas moves that fast: one such jump is a fault on its own (a drifting or
                // intermittent transducer), unlike a single noisy conversion.
                bad = true;
                impossibleJump = true;
                LastProblem = SensorStatus.ConverterFault;
            }
        }
        else if (now - _lastFreshTime > settings.SensorStaleAfterS)
        {
            bad = true;
            LastProblem = SensorStatus.ConverterFault;
        }

        if (fresh)
        {
            _lastSequence = sample.Sequence;
            _lastFreshTime = now;
        }

        _badSamples = bad ? _badSamples + 1 : 0;
        Accepted = !bad;
        if (!bad)
        {
            lastGood = sample.Mpa;
            if (LastProblem != SensorStatus.Ok && !Stuck && !Frozen)
            {
                LastProblem = SensorStatus.Ok;
            }
        }

        if (bad || sample.Mpa != _frozenValue)
        {
            _frozenValue = bad ? double.NaN : sample.Mpa;
            _frozenSince = now;
            _frozenWhileMoving = 0;
        }
        else if (!mustMove)
        {
            _frozenWhileMoving = 0;
        }
        else if (fresh)
        {
            _frozenWhileMoving++;
        }

        Frozen = !bad
            && ((settings.SensorFrozenAfterS > 0 && now - _frozenSince >= settings.SensorFrozenAfterS)
                || (settings.SensorFrozenConversionsWhileMoving > 0 && _frozenWhileMoving >= settings.SensorFrozenConversionsWhileMoving));

        if (!mustMove || bad || Math.Abs(lastGood - _stuckReference) > settings.SensorStuckToleranceMpa)
        {
            _stuckReference = lastGood;
            _stuckSince = now;
        }

        Stuck = now - _stuckSince >= settings.SensorStuckWindowS;
        Faulty = _badSamples >= settings.SensorFaultSamples || impossibleJump || Stuck || Frozen;
        return Faulty;
    }
}
