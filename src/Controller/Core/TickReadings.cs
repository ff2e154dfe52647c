namespace HydroOxygen.Controller.Core;

/// <summary>
/// What every unit of the step works from in one tick: the time, the time since the last tick, and
/// the three pressures as the transducer checks passed them (the last plausible reading of each), MPa.
/// </summary>
public readonly record struct TickReadings(double Now, double Dt, double POutMpa, double PBottleMpa, double PSrcMpa);
