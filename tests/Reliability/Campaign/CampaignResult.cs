using HydroOxygen.Controller.Simulation;

namespace HydroOxygen.Reliability.Campaign;

/// <summary>The rows of one campaign and what it took.</summary>
public sealed record CampaignResult(IReadOnlyList<CampaignRow> Rows, IReadOnlyList<SimulatedBackend> Backends, TimeSpan Wall)
{
    public int Run => Rows.Count(r => !r.Skipped);
    public int Skipped => Rows.Count(r => r.Skipped);
    public int Failed => Rows.Count(r => !r.Passed);
    public bool AllPassed => Failed == 0;
    public double SimulatedS => Rows.Sum(r => r.SimulatedS);
}
