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
        var log = new ServiceLog(Directory.CreateTempSubdirectory("hydroxy-svc-").FullName);
        var result = await bench.Operations.LeakTestAsync(Test, "tester", log, CancellationToken.None);
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
        var result = await bench.Operations.LeakTestAsync(Test, "tester", null, CancellationToken.None);
        output.WriteLine($"leak at {where}: {result.StartMpa:F4} → {result.EndMpa:F4} MPa, decay {result.DecayMpa * 1000:F1} kPa");
        Assert.False(result.Passed);
        Assert.True(result.DecayMpa > Test.LimitMpa);
    }
}
