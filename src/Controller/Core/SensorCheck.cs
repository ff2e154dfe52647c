using HydroOxygen.Hal;

namespace HydroOxygen.Controller.Core;

/// <summary>
/// Plausibility of one pressure channel (DESIGN §2.5): out of band (open/short), converter error,
/// NaN, stale (no fresh conversion), an impossible slew, or stuck (not moving while the valves
/// say it must). Keeps the last plausible value for whoever still needs a number.
/// </summary>
public struct SensorCheck
{
    private int _badSamples;
    private long _lastSequence;
    private double _lastFreshTime;
    private double _lastValue;
    private double _stuckReference;
    private double _stuckSince;
    private bool _started;

    /// <summary>The last plausible reading, MPa.</summary>
    public readonly double LastGoodMpa => _lastValue;

    /// <summary>What was wrong at the last bad sample (for the alarm log).</summary>
    public SensorStatus LastProblem { get; private set; }

    public bool Stuck { get; private set; }

    /// <summary>Feeds one sample; returns whether the channel is now faulty.</summary>
    /// <param name="mustMove">The valves guarantee the pressure is changing quickly right now.</param>
    public bool Update(in PressureSample sample, double now, SafetySettings settings, bool mustMove)
    {
        if (!_started)
        {
            _started = true;
            _lastSequence = sample.Sequence;
            _lastFreshTime = now;
            _lastValue = sample.IsOk ? sample.Mpa : 0.0;
            _stuckReference = _lastValue;
            _stuckSince = now;
        }

        var fresh = sample.Sequence != _lastSequence;
        var bad = !sample.IsOk;
        if (bad)
        {
            LastProblem = sample.Status == SensorStatus.Ok ? SensorStatus.ConverterFault : sample.Status;
        }
        else if (fresh)
        {
            var elapsed = Math.Max(now - _lastFreshTime, 1e-4);
            if (Math.Abs(sample.Mpa - _lastValue) / elapsed > settings.SensorMaxSlewMpaPerS)
            {
                bad = true;
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
        if (!bad)
        {
            _lastValue = sample.Mpa;
        }

        if (!mustMove || bad || Math.Abs(_lastValue - _stuckReference) > settings.SensorStuckToleranceMpa)
        {
            _stuckReference = _lastValue;
            _stuckSince = now;
        }

        Stuck = now - _stuckSince >= settings.SensorStuckWindowS;
        return _badSamples >= settings.SensorFaultSamples || Stuck;
    }
}
