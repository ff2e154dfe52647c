using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Service;
using HydroOxygen.Controller.Simulation;
using HydroOxygen.Simulator.Plant;
using Xunit.Abstractions;

namespace HydroOxygen.ClosedLoop.Tests.Service;

public class TuningTests(ITestOutputHelper output)
{
    /// <summary>±30 % from the defaults: volumes (manifold, bottle, hose, source line) and the inlet, vent and charge valves.</summary>
    internal static PlantParameters Variant(double volumes, double inletAndCharge, double vent)
    {
        var d = PlantParameters.Default;
        return d with
        {
            ManifoldMl = d.ManifoldMl * volumes,
            BottleMl = d.BottleMl * volumes,
            HoseMl = d.HoseMl * volumes,
            SourceLineMl = d.SourceLineMl * volumes,
            InletC = d.InletC * inletAndCharge,
            ChargeC = d.ChargeC * inletAndCharge,
            VentC = d.VentC * vent,
        };
    }

    [Theory]
    [InlineData(1.3, 0.7, 0.7)]
    [InlineData(1.3, 0.7, 1.3)]
    public async Task Auto_tuned_gains_meet_the_regulation_targets_where_the_defaults_do_not(double volumes, double inlet, double vent)
    {
        var plant = Variant(volumes, inlet, vent);
        var defaults = RegulationCheck.Measure(ControllerSettings.Default, plant);
        output.WriteLine($"defaults: {defaults}; misses: {string.Join("; ", defaults.Misses)}");
        Assert.False(defaults.MeetsTargets);

        var bench = new ServiceBench(plant);
        var tuning = await bench.Procedures.AutoTuneAsync(null, CancellationToken.None);
        output.WriteLine($"identified: inlet × {tuning.Inlet.ConductanceRatio:F3} (lag {tuning.Inlet.TimeConstantS * 1000:F1} ms), vent × {tuning.Vent.ConductanceRatio:F3}, charge × {tuning.Charge.ConductanceRatio:F3}, bottle gas {tuning.Charge.HeadspaceRatio:F2} × manifold");
        output.WriteLine($"proposed Kp {tuning.Proposed.ProportionalGain}, Ki {tuning.Proposed.IntegralGain}, integrator limit {tuning.Proposed.IntegratorErrorLimitMpa}; models meeting targets {tuning.PredictedWithProposed.ModelsMeetingTargets} (settings in use {tuning.PredictedWithCurrent.ModelsMeetingTargets})");
        output.WriteLine($"step predicted {tuning.PredictedStep.Figures}; measured with settings in use {tuning.MeasuredWithCurrent.Figures}; with proposal {tuning.Measured.Figures}");

        // The volumes are not observable: the identified ratios are to the manifold.
        Assert.InRange(tuning.Inlet.ConductanceRatio, inlet / volumes * 0.9, inlet / volumes * 1.1);
        Assert.InRange(tuning.Vent.ConductanceRatio, vent / volumes * 0.9, vent / volumes * 1.1);

        // Nothing is applied until the engineer confirms.
        Assert.Same(tuning.Current, bench.Runner.Core.RegulatorSettings);

        var tuned = RegulationCheck.Measure(ControllerSettings.Default with { Regulator = tuning.Proposed }, plant);
        output.WriteLine($"tuned: {tuned}");
        Assert.True(tuned.MeetsTargets, string.Join("; ", tuned.Misses));
    }

    [Fact]
    public async Task Applied_tuning_is_stored_audited_and_taken_up_by_the_loop()
    {
        var bench = new ServiceBench(Variant(1.3, 0.7, 0.7));
        var tuning = await bench.Procedures.AutoTuneAsync(null, CancellationToken.None);
        using var scratch = new TemporaryDirectory("hydroxy-tune-");
        var directory = scratch.Path;
        var store = new TuningStore(directory);
        var log = new ServiceLog(directory);
        var record = await bench.Procedures.ApplyTuningAsync(tuning, "tester", store, log, CancellationToken.None);

        Assert.Equal(1, record.Revision);
        Assert.Equal(tuning.Proposed, bench.Runner.Core.RegulatorSettings);
        var loaded = store.Load();
        Assert.True(loaded.IsOk, loaded.Problem);
        Assert.Equal(tuning.Proposed, loaded.Value!.Regulator);
        Assert.Single(File.ReadAllLines(store.AuditPath));
        Assert.Contains("tuning-applied", Assert.Single(log.Entries()), StringComparison.Ordinal);

        // At the next start the stored tuning replaces the configured gains.
        var setup = StoredSetup.Load(new ServiceOptions { Directory = directory, AllowNominalCalibrationWhenMissing = true }, ControllerSettings.Default, "/", simulatedTransducers: true);
        Assert.Equal(tuning.Proposed, setup.Settings.Regulator);
    }
}
