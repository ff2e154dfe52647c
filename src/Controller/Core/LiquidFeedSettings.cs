using HydroOxygen.Hal;

namespace HydroOxygen.Controller.Core;

/// <summary>
/// How fast the bottle's pressure feeds nutrient liquid to the pen, for the session's estimate of
/// the liquid used (the bottle has no flow meter). Defaults: the simulated plant's DESIGN §1.3 feed;
/// a device whose pen feeds differently is configured here, not in the simulator.
/// </summary>
public sealed record LiquidFeedSettings : ISettingsSection
{
    /// <summary>Feed per MPa of bottle pressure above <see cref="ThresholdMpa"/>, mL/min.</summary>
    public double MlPerMinPerMpa { get; init; } = 8.0;

    /// <summary>Below this bottle pressure no liquid rises to the pen, MPa.</summary>
    public double ThresholdMpa { get; init; } = 0.05;

    /// <summary>The feed's limit (the liquid line's own resistance), mL/min.</summary>
    public double MaxMlPerMin { get; init; } = 5.0;

    /// <summary>The feed at a bottle pressure, mL/min.</summary>
    public double MlPerMin(double bottleMpa) => Math.Min(MlPerMinPerMpa * Math.Max(0.0, bottleMpa - ThresholdMpa), MaxMlPerMin);

    public void Validate(SettingsErrors errors)
    {
        errors.Range(MlPerMinPerMpa, 0, 100, nameof(MlPerMinPerMpa));
        errors.Range(ThresholdMpa, 0, 0.5, nameof(ThresholdMpa));
        errors.Range(MaxMlPerMin, 0, 100, nameof(MaxMlPerMin));
    }
}
