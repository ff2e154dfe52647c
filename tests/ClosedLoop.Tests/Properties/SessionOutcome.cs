namespace HydroOxygen.ClosedLoop.Tests.Properties;

/// <summary>What a session that kept every invariant is summarised by, for the run's statistics.</summary>
/// <param name="KnownFailure">The <see cref="Properties.KnownFailure"/> the session ran into, if any (counted and printed).</param>
internal readonly record struct SessionOutcome(long Ticks, double ShutdownS, double PeakTrueMpa, string? KnownFailure = null);
