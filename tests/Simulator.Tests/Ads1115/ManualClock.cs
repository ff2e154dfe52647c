namespace HydroOxygen.Simulator.Tests.Adc;

/// <summary>
/// A test clock that moves only when told to — or, to model the time a blocking wait spends on the
/// bus, by <see cref="StepPerReading"/> every time the driver asks it for a timestamp.
/// </summary>
internal sealed class ManualClock : TimeProvider
{
    private long _ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>How far the clock moves each time <see cref="GetTimestamp"/> is called (zero by default).</summary>
    public TimeSpan StepPerReading { get; set; }

    /// <summary>The time in seconds, for the fake chip's clock; reading it does not move the clock.</summary>
    public double Seconds => _ticks / (double)TimeSpan.TicksPerSecond;

    public override long GetTimestamp()
    {
        var now = _ticks;
        _ticks += StepPerReading.Ticks;
        return now;
    }

    public void Advance(TimeSpan interval) => _ticks += interval.Ticks;

    public void AdvanceSeconds(double seconds) => _ticks += (long)Math.Round(seconds * TimeSpan.TicksPerSecond);

    public void AdvanceMilliseconds(double milliseconds) => AdvanceSeconds(milliseconds / 1000.0);
}
