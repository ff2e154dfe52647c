using HydroOxygen.Hal;

namespace HydroOxygen.Simulator.Devices;

/// <summary>The alarm lamp and buzzer; remembers what it was last told to show.</summary>
public sealed class SimulatedIndicator : IIndicator
{
    public IndicatorPattern Pattern { get; private set; }

    public void Show(IndicatorPattern pattern) => Pattern = pattern;
}
