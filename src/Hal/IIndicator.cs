namespace HydroOxygen.Hal;

/// <summary>How the front-panel lamp and buzzer announce the device's condition.</summary>
public enum IndicatorPattern : byte
{
    Off = 0,

    /// <summary>Steady lamp, silent: a low-priority alarm or information.</summary>
    Steady,

    /// <summary>Slow pulse with a soft tone: medium priority (IEC 60601-1-8 style).</summary>
    SlowPulse,

    /// <summary>Fast pulse with the urgent tone: high priority.</summary>
    FastPulse,
}

/// <summary>The alarm lamp and buzzer.</summary>
public interface IIndicator
{
    void Show(IndicatorPattern pattern);
}
