using System.Diagnostics;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Simulation;

namespace HydroOxygen.Reliability.Campaign;

/// <summary>Every fault of <see cref="FaultTable"/> in every state of <see cref="FaultRun.States"/>, on the given backends.</summary>
public static class FaultCampaign
{
    /// <summary>Every (fault, state) pair of the table, in table order.</summary>
    public static IEnumerable<(FaultCase Case, DeviceState State)> Cells() =>
        FaultTable.All.SelectMany(c => FaultRun.States.Select(s => (c, s)));

    /// <summary>What follows a fault in Ready, tried under every fault.</summary>
    public static IReadOnlyList<Aftermath> Aftermaths { get; } = [Aftermath.ProgramChangeToEye, Aftermath.SwitchOff, Aftermath.ShutdownCommand];

    /// <summary>Every (fault, aftermath) pair, in table order.</summary>
    public static IEnumerable<(FaultCase Case, Aftermath Aftermath)> AftermathCells() =>
        FaultTable.All.SelectMany(c => Aftermaths.Select(a => (c, a)));

    public static CampaignResult Run(IReadOnlyList<SimulatedBackend> backends, Action<CampaignRow>? progress = null, Func<FaultCase, bool>? only = null)
    {
        ArgumentNullException.ThrowIfNull(backends);
        var wall = Stopwatch.StartNew();
        var rows = new List<CampaignRow>();
        foreach (var backend in backends)
        {
            foreach (var (fault, state) in Cells())
            {
                if (only is not null && !only(fault))
                {
                    continue;
                }

                var row = FaultRun.Execute(fault, state, backend);
                rows.Add(row);
                progress?.Invoke(row);
            }

            foreach (var (fault, aftermath) in AftermathCells())
            {
                if (only is not null && !only(fault))
                {
                    continue;
                }

                var row = FaultRun.Execute(fault, DeviceState.Ready, aftermath, backend);
                rows.Add(row);
                progress?.Invoke(row);
            }
        }

        return new CampaignResult(rows, backends, wall.Elapsed);
    }
}
