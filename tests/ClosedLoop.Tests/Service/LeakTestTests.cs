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
}
