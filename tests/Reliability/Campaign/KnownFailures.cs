using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Simulation;

namespace HydroOxygen.Reliability.Campaign;

/// <summary>
/// Rows that fail for a reason not fixed yet, each named with the reason. The table still shows them
/// failing; only the CI assertion leaves them out — and fails if one of them starts passing, so that
/// the list cannot outlive the bug.
/// </summary>
public static class KnownFailures
{
    public sealed record Entry(string CaseName, DeviceState State, SimulatedBackend? Backend, string Reason);

    public static IReadOnlyList<Entry> All { get; } = [];

    public static Entry? Find(FaultCase fault, DeviceState state, SimulatedBackend backend)
    {
        ArgumentNullException.ThrowIfNull(fault);
        return All.FirstOrDefault(e => e.CaseName == fault.Name && e.State == state && (e.Backend is null || e.Backend == backend));
    }
}
