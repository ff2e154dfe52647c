using System.Diagnostics;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Simulation;
using HydroOxygen.Simulator.Plant;
using Xunit.Abstractions;

namespace HydroOxygen.ClosedLoop.Tests;

public class LongSessionTests(ITestOutputHelper output)
{
    [Fact]
    public void A_90_minute_acne_session_runs_clean_in_virtual_time()
    {
        var runner = new SimulationRunner(Device.Starting("acne"), PlantParameters.Default, seed: 11);
        var script = new Random(90);
        var wall = Stopwatch.StartNew();
        var peak = 0.0;
        var sprayWithoutPedal = 0;
        var outsideBand = 0;
        var spraying = 0;
        void Observe(TraceSample s)
        {
            peak = Math.Max(peak, Math.Max(s.POutTrueMpa, s.PBottleTrueMpa));
            if (s.SprayOpen && !s.Pedal && sprayWithoutPedal++ < 5)
            {
                output.WriteLine($"spray valve open without the pedal at {s.TimeS:F3} s ({s.State})");
            }
            if (s.State == DeviceState.Spraying && s.TimeS - s.TimeS % 1 > 0)
            {
                spraying++;
            }
        }

        runner.PowerSwitch(true);
        runner.RunUntil(10.0, Observe);
        while (runner.Time < 90 * 60)
        {
            runner.Pedal(true);
            var sprayEnd = runner.Time + 3 + (script.NextDouble() * 9);
            var settledFrom = runner.Time + 0.3;
            runner.RunUntil(sprayEnd, s =>
            {
                Observe(s);
                if (s.TimeS > settledFrom && s.State == DeviceState.Spraying && Math.Abs(s.POutTrueMpa - s.SetpointMpa) > 0.01)
                {
                    if (outsideBand++ < 5)
                    {
                        output.WriteLine($"outside ±0.01 MPa at {s.TimeS:F3} s: {s.POutTrueMpa:F4} MPa (bottle {s.PBottleTrueMpa:F3})");
                    }
                }
            });
            runner.Pedal(false);
            runner.RunUntil(runner.Time + 15 + (script.NextDouble() * 45), Observe);
        }

        runner.PowerSwitch(false);
        runner.RunUntil(runner.Time + 15, Observe);
        wall.Stop();

        var last = runner.Sample();
        output.WriteLine($"90 simulated minutes in {wall.Elapsed.TotalSeconds:F1} s of wall time ({90 * 60 / wall.Elapsed.TotalSeconds:F0}× real time)");
        output.WriteLine($"spray time {runner.Core.Status.Session.SpraySeconds / 60:F1} min, liquid left {last.LiquidMl:F1} mL, oxygen used {runner.Plant.Cylinder.DeliveredLitres:F0} L, peak {peak:F3} MPa");
        Assert.Equal(DeviceState.Off, last.State);
        Assert.Equal(0u, last.Alarms);
        Assert.Equal(0, sprayWithoutPedal);
        Assert.Equal(0, outsideBand);
        Assert.True(peak < 0.50, $"peak {peak:F3} MPa");
        Assert.InRange(runner.Core.Status.Session.SpraySeconds, 600, 1200);
    }
}
