using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Service;
using HydroOxygen.Simulator.Plant;
using HydroOxygen.Controller.Localization;

namespace HydroOxygen.ClosedLoop.Tests.Service;

/// <summary>
/// Issue 5: the engineer's operations run only in the <c>Service</c> state. Storing and applying
/// are refused elsewhere, and whatever a service visit collected without committing ends with it.
/// </summary>
public sealed class ServiceStateRuleTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("hydroxy-service-rule-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static RegulatorSettings Other(RegulatorSettings settings) =>
        settings with { ProportionalGain = settings.ProportionalGain * 0.8, IntegralGain = settings.IntegralGain * 0.8 };

    private static void Enter(ServiceBench bench) => bench.Procedures.EnterServiceAsync(CancellationToken.None).GetAwaiter().GetResult();

    [Fact]
    public void The_core_switches_regulator_gains_only_in_Service_and_reverts_gains_on_trial_when_Service_ends()
    {
        var bench = new ServiceBench(PlantParameters.Default);
        var core = bench.Runner.Core;
        var configured = core.RegulatorSettings;
        Assert.NotEqual(DeviceState.Service, core.State);

        // Outside Service: refused with a reason, nothing changes.
        core.ProposeRegulatorSettings(Other(configured));
        var apply = ControlCommand.ApplyRegulatorSettings();
        Assert.Equal(CommandOutcome.NotAllowedInState, core.Check(apply));
        Assert.Contains("enter service mode first", CommandRefusals.Describe(ResourceText.English, CommandOutcome.NotAllowedInState, apply, core.State, 0, core.Programs).ToString(), StringComparison.Ordinal);
        bench.Runner.Command(apply);
        bench.Runner.Tick();
        Assert.Same(configured, core.RegulatorSettings);
        while (bench.Runner.Events.TryRead(out _))
        {
        }

        // The proposal made outside did not survive into the visit: there is nothing to apply.
        Enter(bench);
        bench.Runner.Command(ControlCommand.ApplyRegulatorSettings());
        bench.Runner.Tick();
        Assert.Same(configured, core.RegulatorSettings);

        // On trial: in use during the visit, gone with it.
        var trial = Other(configured);
        core.ProposeRegulatorSettings(trial);
        bench.Runner.Command(ControlCommand.TryRegulatorSettings());
        bench.Runner.Tick();
        Assert.Same(trial, core.RegulatorSettings);
        Leave(bench);
        Assert.NotEqual(DeviceState.Service, core.State);
        Assert.Same(configured, core.RegulatorSettings);

        // Confirmed: kept after the visit.
        Enter(bench);
        var kept = Other(configured);
        core.ProposeRegulatorSettings(kept);
        bench.Runner.Command(ControlCommand.ApplyRegulatorSettings());
        bench.Runner.Tick();
        Leave(bench);
        Assert.Same(kept, core.RegulatorSettings);

        // A proposal left unapplied when the visit ends is dropped.
        Enter(bench);
        core.ProposeRegulatorSettings(Other(kept));
        Leave(bench);
        Enter(bench);
        bench.Runner.Command(ControlCommand.ApplyRegulatorSettings());
        bench.Runner.Tick();
        Assert.Same(kept, core.RegulatorSettings);
    }

    [Fact]
    public void A_calibration_commit_outside_Service_is_refused_and_stores_nothing()
    {
        var bench = new ServiceBench(PlantParameters.Default);
        var store = new Controller.Calibration.CalibrationStore(_directory);
        var inUse = bench.Device.Calibration;
        CalibrationReading[] points = [new(0.0, 0.0, 0.0, 0.0, 0.0), new(0.3, 0.3, 0.3, 0.3, 0.3), new(0.6, 0.6, 0.6, 0.6, 0.6)];
        var proposal = bench.Procedures.ProposeCalibration(points);
        Assert.True(proposal.Acceptable, string.Join("; ", proposal.Problems));

        var refusal = Assert.Throws<ServiceException>(() => bench.Procedures.CommitCalibration(proposal, "alice", store));

        Assert.StartsWith("calibration: the device is", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("not in service mode", refusal.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(store.Path));
        Assert.False(File.Exists(store.AuditPath));
        Assert.Same(inUse, bench.Device.Calibration);
    }

    [Fact]
    public async Task Calibration_points_collected_in_a_service_visit_are_discarded_when_it_ends_however_it_ends()
    {
        var bench = new ServiceBench(PlantParameters.Default);
        using var desk = new ServiceVisit(bench.Procedures, new ServiceOptions(), _directory, TimeProvider.System);
        await desk.HoldAsync(0.0, CancellationToken.None);
        desk.AddReference(0.0);
        Assert.Single(desk.Points);

        // Left without the desk (as a fault or a power-off would): the points go with the visit.
        Leave(bench);
        Assert.Empty(desk.Points);
        var outside = Assert.Throws<ServiceException>(() => desk.CommitCalibration("alice"));
        Assert.Contains("not in service mode", outside.Message, StringComparison.Ordinal);

        // Back in a new visit, nothing from the old one can be stored, and the refusal says why.
        Enter(bench);
        var refusal = Assert.Throws<ServiceException>(() => desk.CommitCalibration("alice"));
        Assert.Contains("no points have been measured", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("1 calibration point", refusal.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(desk.Calibrations.Path));
    }

    [Fact]
    public async Task Leaving_Service_through_the_desk_reports_what_was_discarded()
    {
        var bench = new ServiceBench(PlantParameters.Default);
        using var desk = new ServiceVisit(bench.Procedures, new ServiceOptions(), _directory, TimeProvider.System);
        await desk.HoldAsync(0.0, CancellationToken.None);
        desk.AddReference(0.0);

        var discarded = await desk.ExitServiceAsync(CancellationToken.None);

        Assert.Equal("1 calibration point", discarded?.ToString());
        Assert.NotEqual(DeviceState.Service, bench.Runner.Core.State);
        Assert.Empty(desk.Points);
        Assert.Null(await desk.ExitServiceAsync(CancellationToken.None));
    }

    /// <summary>Exit: the core vents what is held, then leaves Service (issue 15).</summary>
    private static void Leave(ServiceBench bench)
    {
        bench.Runner.Command(ControlCommand.ExitService());
        var deadline = bench.Runner.Time + 20.0;
        while (bench.Runner.Core.State == DeviceState.Service && bench.Runner.Time < deadline)
        {
            bench.Runner.Tick();
        }
    }
}
