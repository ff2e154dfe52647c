namespace HydroOxygen.Controller.Hosting;

/// <summary>
/// The runtime's garbage-collection counters at one moment, so that a span of the process's life
/// (the loop's steady state) can say how often it collected, how long every thread was held, and
/// how much it allocated.
/// </summary>
internal readonly record struct GcCounters(int Gen0, int Gen1, int Gen2, TimeSpan Paused, long AllocatedBytes)
{
    public static GcCounters Now() => new(
        GC.CollectionCount(0),
        GC.CollectionCount(1),
        GC.CollectionCount(2),
        GC.GetTotalPauseDuration(),
        GC.GetTotalAllocatedBytes(precise: false));

    /// <summary>The counts from <paramref name="since"/> to this; a collection of generation n is also counted in every lower one.</summary>
    public GcCounters Since(GcCounters since) => new(
        Gen0 - since.Gen0,
        Gen1 - since.Gen1,
        Gen2 - since.Gen2,
        Paused - since.Paused,
        AllocatedBytes - since.AllocatedBytes);
}
