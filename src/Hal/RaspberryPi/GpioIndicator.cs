namespace HydroOxygen.Hal.RaspberryPi;

/// <summary>
/// The alarm lamp and buzzer on one GPIO output. The pattern is rendered in software from the loop
/// clock: a steady lamp, or pulses whose rhythm tells the priority (IEC 60601-1-8 style).
/// </summary>
public sealed class GpioIndicator(IDigitalOutput output, TimeProvider clock) : IIndicator
{
    private IndicatorPattern _pattern;

    public void Show(IndicatorPattern pattern)
    {
        _pattern = pattern;
        var seconds = (double)clock.GetTimestamp() / clock.TimestampFrequency;
        var phase = pattern switch
        {
            IndicatorPattern.Steady => true,
            IndicatorPattern.SlowPulse => seconds % 1.0 < 0.5,
            IndicatorPattern.FastPulse => seconds % 0.25 < 0.125,
            _ => false,
        };
        output.Write(phase);
    }

    public IndicatorPattern Pattern => _pattern;
}
