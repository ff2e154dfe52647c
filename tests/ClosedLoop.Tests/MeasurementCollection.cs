namespace HydroOxygen.ClosedLoop.Tests;

/// <summary>
/// Tests that measure the process — its heap (the soak's drift check) or this thread's allocations
/// — run alone, after the parallel ones: a CI run saw the soak's live heap grow by 754 KiB that
/// belonged to tests running beside it.
/// </summary>
[CollectionDefinition(nameof(MeasurementCollection), DisableParallelization = true)]
public sealed class MeasurementCollection;
