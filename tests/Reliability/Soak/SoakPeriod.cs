namespace HydroOxygen.Reliability.Soak;

/// <summary>The figures of one period of the soak (an hour of the working day).</summary>
public readonly record struct SoakPeriod(
    int Index,
    double EndS,
    long AllocatedBytes,
    long LiveHeapBytes,
    long Ticks,
    double TickMeanUs,
    double TickMedianUs,
    double TickP99Us,
    double TickMaxUs,
    int Sessions,
    int Sprays,
    int Faults,
    long Alarms)
{
    public override string ToString() =>
        $"period {Index + 1} (to {EndS / 3600:F2} h): {Sessions} sessions, {Sprays} sprays, {Faults} faults, {Alarms} alarms; " +
        $"allocated {AllocatedBytes / 1024.0:F1} KiB, live heap {LiveHeapBytes / 1024.0:F0} KiB; tick mean {TickMeanUs:F2} µs, median {TickMedianUs:F0} µs, p99 {TickP99Us:F0} µs, max {TickMaxUs:F0} µs";
}
