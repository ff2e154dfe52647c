namespace HydroOxygen.Controller.Core;

/// <summary>The pressure range the device is built and certified for (DESIGN §1, §2.3). Not configurable.</summary>
public static class PressureLimits
{
    public const double MinSetpointMpa = 0.30;
    public const double MaxSetpointMpa = 0.60;

    /// <summary>The mechanical relief valve: the independent layer behind the software trip.</summary>
    public const double ReliefValveMpa = 0.70;
}
