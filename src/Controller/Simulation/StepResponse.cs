namespace HydroOxygen.Controller.Simulation;

/// <summary>The figures of merit of a pressure step (DESIGN §2.3 targets are stated in these).</summary>
/// <param name="RiseTimeS">10 % → 90 % of the step, s (NaN if never reached).</param>
/// <param name="OvershootMpa">Peak beyond the target in the step's direction, MPa (≥ 0).</param>
/// <param name="SettlingTimeS">From the step until the pressure stays within the band, s (NaN if it never does).</param>
/// <param name="SteadyStateErrorMpa">
/// Largest deviation from the target over the final quarter of the window, MPa; for a sensor's
/// readings, the mean offset over that quarter (see <see cref="StepResponseMeter"/>).
/// </param>
/// <param name="IntegralSquaredError">∫(p − target)² dt over the window, MPa²·s.</param>
public readonly record struct StepResponse(
    double RiseTimeS,
    double OvershootMpa,
    double SettlingTimeS,
    double SteadyStateErrorMpa,
    double IntegralSquaredError);

/// <summary>
/// Measures a step response from samples fed one at a time (so a long run need not be kept), from
/// the moment of the step to the end of the observation window.
/// </summary>
public sealed class StepResponseMeter
{
    private readonly double _start;
    private readonly double _initial;
    private readonly double _target;
    private readonly double _band;
    private readonly double _window;
    private readonly bool _measured;
    private readonly List<(double Time, double Value)> _tail = [];
    private double _t10 = double.NaN;
    private double _t90 = double.NaN;
    private double _peakBeyond;
    private double _lastOutside;
    private double _ise;
    private double _previousTime = double.NaN;

    /// <param name="start">Time of the step, s.</param>
    /// <param name="initial">Pressure before the step, MPa.</param>
    /// <param name="target">Pressure asked for, MPa.</param>
    /// <param name="band">Settling band half-width, MPa.</param>
    /// <param name="window">How long after the step to observe, s.</param>
    /// <param name="measured">
    /// The samples are a sensor's readings, not the plant's true pressure. Their noise (about 1 kPa
    /// RMS) puts single samples 3–4 kPa off a pressure held exactly, so the largest deviation would
    /// measure the noise against the ±5 kPa target: the steady-state error is then the mean offset.
    /// </param>
    public StepResponseMeter(double start, double initial, double target, double band, double window, bool measured = false)
    {
        _measured = measured;
        _start = start;
        _initial = initial;
        _target = target;
        _band = band;
        _window = window;
        _lastOutside = start;
    }

    public bool Done { get; private set; }

    public void Add(double time, double pressure)
    {
        if (time < _start || Done)
        {
            return;
        }

        if (time > _start + _window)
        {
            Done = true;
            return;
        }

        var direction = Math.Sign(_target - _initial);
        var progress = direction == 0 ? 1.0 : (pressure - _initial) / (_target - _initial);
        if (double.IsNaN(_t10) && progress >= 0.1)
        {
            _t10 = time;
        }

        if (double.IsNaN(_t90) && progress >= 0.9)
        {
            _t90 = time;
        }

        _peakBeyond = Math.Max(_peakBeyond, direction >= 0 ? pressure - _target : _target - pressure);
        var error = pressure - _target;
        if (Math.Abs(error) > _band)
        {
            _lastOutside = time;
        }

        if (!double.IsNaN(_previousTime))
        {
            _ise += error * error * (time - _previousTime);
        }

        _previousTime = time;
        if (time >= _start + (_window * 0.75))
        {
            _tail.Add((time, pressure));
        }
    }

    public StepResponse Result()
    {
        var steady = 0.0;
        var offset = 0.0;
        foreach (var (_, value) in _tail)
        {
            steady = Math.Max(steady, Math.Abs(value - _target));
            offset += value - _target;
        }

        if (_measured && _tail.Count > 0)
        {
            steady = Math.Abs(offset / _tail.Count);
        }

        var settled = _previousTime > _lastOutside;
        return new StepResponse(
            _t90 - _t10,
            _peakBeyond,
            settled ? _lastOutside - _start : double.NaN,
            steady,
            _ise);
    }
}
