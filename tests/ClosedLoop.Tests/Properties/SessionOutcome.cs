namespace HydroOxygen.ClosedLoop.Tests.Properties;

/// <summary>What a session that kept every invariant is summarised by, for the run's statistics.</summary>
internal readonly record struct SessionOutcome(long Ticks, double ShutdownS, double PeakTrueMpa);
