namespace HydroOxygen.Controller.Core;

/// <summary>
/// The running tally of a treatment session (power-on to shutdown): how long, how much spraying,
/// roughly how much nutrient liquid. Kept on the tick as plain numbers; records are written off it.
/// </summary>
public record struct SessionTally
{
    public bool Active { get; set; }
    public double StartedAt { get; set; }
    public double EndedAt { get; set; }
    public double SpraySeconds { get; set; }

    /// <summary>Estimated from spray time and bottle pressure (the bottle has no flow meter), mL.</summary>
    public double LiquidUsedMl { get; set; }

    public double MinSetpointMpa { get; set; }
    public double MaxSetpointMpa { get; set; }
    public int AlarmsRaised { get; set; }

    public readonly double ElapsedS(double now) => Active ? now - StartedAt : EndedAt - StartedAt;
}
