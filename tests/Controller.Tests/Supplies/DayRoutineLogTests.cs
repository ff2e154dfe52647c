using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Supplies;

namespace HydroOxygen.Controller.Tests.Supplies;

/// <summary>Each daily routine's ending is kept once, with its figures, in <c>supplies.json</c>, and read back after a restart.</summary>
public sealed class DayRoutineLogTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("dayroutines-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void An_ended_routine_is_kept_once_and_survives_a_restart()
    {
        var ledger = new SupplyLedger(new SuppliesOptions());
        var at = new DateTimeOffset(2026, 12, 6, 8, 0, 0, TimeSpan.Zero);
        var running = new DayRoutineProgress
        {
            Kind = DayRoutineKind.StartOfDayCheck, Step = DayRoutineStep.Nozzle, StartedAt = 10.0, Figure = double.NaN,
            SupplyMpa = 0.745, ChargeS = 1.9, FlowFraction = double.NaN, Source = GasSource.Oxygen,
        };
        Assert.False(ledger.FollowDayRoutine(in running, at));

        var ended = running with
        {
            Step = DayRoutineStep.Done, Result = DayRoutineResult.NozzleFlowLow, Figure = 0.42, FlowFraction = 0.42, EndedAt = 14.5, Runs = 1,
            POutMpa = 0.4, PBottleMpa = 0.39,
        };
        Assert.True(ledger.FollowDayRoutine(in ended, at));
        Assert.False(ledger.FollowDayRoutine(in ended, at.AddSeconds(1)));

        var store = new SupplyStore(_directory);
        store.Save(ledger.NextCheckpoint(at));
        var loaded = store.Load();
        Assert.Equal(HydroOxygen.Controller.Persistence.DocumentStatus.Ok, loaded.Status);
        var restarted = new SupplyLedger(new SuppliesOptions(), loaded.Value);
        var run = Assert.Single(restarted.DayRoutines());
        Assert.Equal(DayRoutineKind.StartOfDayCheck, run.Kind);
        Assert.Equal(DayRoutineResult.NozzleFlowLow, run.Result);
        Assert.Equal(0.42, run.Figure);
        Assert.Equal(1.9, run.ChargeS);
        Assert.Equal(at.AddSeconds(-4.5), run.StartedAt);

        // A controller started again counts its routines from zero: its first ending is still kept.
        var next = ended with { Kind = DayRoutineKind.EndOfDayPurge, Result = DayRoutineResult.Passed, Runs = 1 };
        var restartedRunning = next with { Runs = 0, Result = DayRoutineResult.Running };
        Assert.False(restarted.FollowDayRoutine(in restartedRunning, at));
        Assert.True(restarted.FollowDayRoutine(in next, at.AddHours(9)));
        Assert.Equal(DayRoutineKind.EndOfDayPurge, restarted.DayRoutines()[0].Kind);
    }
}
