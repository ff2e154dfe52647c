using HydroOxygen.Controller.Service;
using HydroOxygen.Simulator.Plant;
using Xunit.Abstractions;

namespace HydroOxygen.ClosedLoop.Tests.Service;

public class LeakTestTests(ITestOutputHelper output)
{
    private static readonly LeakTestOptions Test = new() { PressureMpa = 0.5, SettleS = 5, DurationS = 30, LimitMpa = 0.01 };

    [Fact]
    public async Task A_tight_plant_passes()
    {
        var bench = new ServiceBench(PlantParameters.Default);
        using var scratch = new TemporaryDirectory("hydroxy-svc-");
        var log = new ServiceLog(scratch.Path);
        var result = await bench.Procedures.LeakTestAsync(Test, "tester", log, CancellationToken.None);
        output.WriteLine($"tight: {result.StartMpa:F4} → {result.EndMpa:F4} MPa over {result.DurationS:F0} s, decay {result.DecayMpa * 1000:F2} kPa");
        Assert.True(result.Passed);
        Assert.InRange(result.StartMpa, 0.48, 0.53);
        Assert.InRange(result.DecayMpa, -0.003, 0.003);
        Assert.Contains("\"what\":\"leak-test\"", Assert.Single(log.Entries()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FaultTarget.Manifold)]
    [InlineData(FaultTarget.Bottle)]
    public async Task A_plant_with_an_injected_leak_fails(FaultTarget where)
    {
        var bench = new ServiceBench(PlantParameters.Default);
        bench.Runner.Inject(new FaultSpec(FaultKind.Leak, where, 0.0005));
        using var scratch = new TemporaryDirectory("hydroxy-svc-");
        var log = new ServiceLog(scratch.Path);
        var result = await bench.Procedures.LeakTestAsync(Test, "tester", log, CancellationToken.None);
        output.WriteLine($"leak at {where}: {result.StartMpa:F4} → {result.EndMpa:F4} MPa, decay {result.DecayMpa * 1000:F1} kPa");
        Assert.False(result.Passed);
        Assert.Null(result.Failure);
        Assert.True(result.DecayMpa > Test.LimitMpa);
        var entry = Assert.Single(log.Entries());
        Assert.Contains("\"what\":\"leak-test\"", entry, StringComparison.Ordinal);
        Assert.Contains("\"engineer\":\"tester\"", entry, StringComparison.Ordinal);
        Assert.Contains("\"Passed\":false", entry, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1.0, "was not reached")]                 // more than the inlet can make up for
    [InlineData(0.2, "fell from 0.50 to 0.000 MPa while settling")] // reached, but gone before the measurement began
    public async Task A_gross_leak_is_a_failed_test_recorded_with_its_reason(double leak, string reason)
    {
        var bench = new ServiceBench(PlantParameters.Default);
        bench.Runner.Inject(new FaultSpec(FaultKind.Leak, FaultTarget.Manifold, leak));
        using var scratch = new TemporaryDirectory("hydroxy-svc-");
        var log = new ServiceLog(scratch.Path);

        var result = await bench.Procedures.LeakTestAsync(Test, "tester", log, CancellationToken.None);

        output.WriteLine($"gross leak: {result.Failure}");
        Assert.False(result.Passed);
        Assert.Contains(reason, result.Failure, StringComparison.Ordinal);
        Assert.Contains("gross leak", result.Failure, StringComparison.Ordinal);
        Assert.True(result.EndMpa < Test.PressureMpa - 0.05, $"ended at {result.EndMpa:F3} MPa");
        var entry = Assert.Single(log.Entries());
        Assert.Contains("\"what\":\"leak-test\"", entry, StringComparison.Ordinal);
        Assert.Contains("\"Passed\":false", entry, StringComparison.Ordinal);
        Assert.Contains("gross leak", entry, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_and_end_pressures_are_averaged_so_transducer_noise_does_not_decide_a_tight_plant()
    {
        // Noise of the size of the limit on single samples: a tight plant still passes, test after test.
        var noisy = PlantParameters.Default with { SensorNoiseKpa = 3.0 };
        var bench = new ServiceBench(noisy);
        var strict = Test with { DurationS = 5, SettleS = 2, LimitMpa = 0.003 };
        for (var run = 0; run < 4; run++)
        {
            var result = await bench.Procedures.LeakTestAsync(strict, "tester", null, CancellationToken.None);
            output.WriteLine($"noisy run {run}: {result.StartMpa:F4} → {result.EndMpa:F4} MPa, decay {result.DecayMpa * 1000:F2} kPa over {result.DurationS:F2} s");
            Assert.InRange(result.DecayMpa, -0.0025, 0.0025);
            Assert.InRange(result.DurationS, 4.85, 4.95);
        }
    }

    /// <summary>
    /// Issue 15, finding 7: after a restart (a new controller process: a new visit over the same data
    /// directory), the last leak test and the history come from the service log.
    /// </summary>
    [Fact]
    public async Task The_last_leak_test_and_the_history_survive_a_restart()
    {
        using var scratch = new TemporaryDirectory("hydroxy-svc-");
        var options = new ServiceOptions();
        var first = new ServiceBench(PlantParameters.Default);
        LeakTestResult passed, failed;
        using (var visit = new ServiceVisit(first.Procedures, options, scratch.Path, TimeProvider.System))
        {
            passed = await visit.LeakTestAsync(Test with { DurationS = 5, SettleS = 1 }, "alice", CancellationToken.None);
            first.Runner.Inject(new FaultSpec(FaultKind.Leak, FaultTarget.Manifold, 0.0005));
            failed = await visit.LeakTestAsync(Test with { DurationS = 5, SettleS = 1 }, "bob", CancellationToken.None);
        }

        var restarted = new ServiceBench(PlantParameters.Default);
        using var after = new ServiceVisit(restarted.Procedures, options, scratch.Path, TimeProvider.System);
        var last = after.LastLeakTest;
        Assert.NotNull(last);
        Assert.Equal(failed.At, last.At);
        Assert.False(last.Passed);
        Assert.Equal("bob", last.Engineer);
        Assert.Equal(failed.LeakKpaPerMin, last.LeakKpaPerMin, 9);
        Assert.Equal(failed.LeakSccm, last.LeakSccm);

        var history = after.LeakTests(10);
        Assert.Equal(2, history.Count);
        Assert.Equal([failed.At, passed.At], history.Select(h => h.At));
        Assert.True(history[1].Passed);
        Assert.Equal(passed.LimitKpaPerMin, history[1].LimitKpaPerMin, 9);
        Assert.Single(after.LeakTests(1));
    }

    [Fact]
    public void A_log_entry_written_before_the_limit_became_a_rate_is_read_with_its_limit_over_its_own_duration()
    {
        const string line = """{"when":"2026-11-02T10:00:00.0000000+00:00","what":"leak-test","engineer":"carol","details":{"PressureMpa":0.5,"StartMpa":0.5,"EndMpa":0.495,"DurationS":29.9,"DecayMpa":0.005,"LimitMpa":0.01,"Passed":true,"Failure":null}}""";
        var result = LeakTestHistory.Parse(line);
        Assert.NotNull(result);
        Assert.Equal(0.01 * 1000 * 60 / 29.9, result.LimitKpaPerMin, 9);
        Assert.True(result.Passed);
        Assert.Null(result.LeakSccm);
        Assert.Null(LeakTestHistory.Parse("""{"when":"2026-11-02T10:00:00Z","what":"leak-test","engin"""));
    }
}
