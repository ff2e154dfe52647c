using HydroOxygen.Simulator.Plant;
using HydroOxygen.Simulator.Tests.Support;
using Xunit.Abstractions;

namespace HydroOxygen.Simulator.Tests.Plant;

/// <summary>
/// The plant integrates the gas in steps of up to <see cref="PlantParameters.MaxIntegrationStepMs"/>
/// while valves keep moving on the 0.25 ms sub-step grid: the same session must come out as it does
/// when every sub-step is integrated on its own.
/// </summary>
public class IntegrationStepTests(ITestOutputHelper output)
{
    private static readonly PlantParameters EverySubStep = PlantTestExtensions.Quiet with { MaxIntegrationStepMs = 0.25 };

    /// <summary>
    /// A session driven open loop on the loop's 2 ms ticks: oxygen fill, charge, regulated-looking
    /// inlet duties, spray bursts, a compressor phase and a vent-down.
    /// </summary>
    private static void Drive(SprayPlant plant, Action<SprayPlant> afterTick)
    {
        for (var k = 1; k <= 15_000; k++)
        {
            var t = k * 0.002;
            switch (t)
            {
                case 0.002:
                    plant.FeedManifoldFromOxygen();
                    break;
                case 0.300:
                    plant.SetInletDuty(0.35);
                    plant.SetCoil(PlantCoil.ChargeValve, true);
                    break;
                case 3.0:
                    plant.SetCoil(PlantCoil.ChargeValve, false);
                    plant.SetInletDuty(0.5);
                    break;
                case 4.0 or 8.0 or 12.0:
                    plant.SetCoil(PlantCoil.SprayValve, true);
                    plant.SetInletDuty(0.8);
                    break;
                case 5.5 or 9.5 or 13.5:
                    plant.SetCoil(PlantCoil.SprayValve, false);
                    plant.SetInletDuty(0.3);
                    break;
                case 16.0:
                    plant.SetCoil(PlantCoil.OxygenSourceValve, false);
                    plant.SetCoil(PlantCoil.Compressor, true);
                    plant.SetCoil(PlantCoil.CompressorSourceValve, true);
                    break;
                case 25.0:
                    plant.SetInletDuty(0.0);
                    plant.SetCoil(PlantCoil.Compressor, false);
                    plant.SetCoil(PlantCoil.CompressorSourceValve, false);
                    plant.SetCoil(PlantCoil.VentValve, false);
                    break;
            }

            plant.AdvanceTo(t);
            afterTick(plant);
        }
    }

    [Fact]
    public void Longer_steps_follow_the_sub_step_integration_of_the_same_session()
    {
        var fine = new SprayPlant(EverySubStep);
        var rows = new List<PlantSnapshot>();
        Drive(fine, p => rows.Add(p.Snapshot()));

        var coarse = new SprayPlant(PlantTestExtensions.Quiet);
        var worst = new double[5];
        var worstInlet = 0.0;
        var index = 0;
        Drive(coarse, p =>
        {
            var a = rows[index++];
            var b = p.Snapshot();
            worst[0] = Math.Max(worst[0], Math.Abs(a.POutMpa - b.POutMpa));
            worst[1] = Math.Max(worst[1], Math.Abs(a.PBottleMpa - b.PBottleMpa));
            worst[2] = Math.Max(worst[2], Math.Abs(a.PSrcMpa - b.PSrcMpa));
            worst[3] = Math.Max(worst[3], Math.Abs(a.PHoseMpa - b.PHoseMpa));
            worst[4] = Math.Max(worst[4], Math.Abs(a.PTankMpa - b.PTankMpa));
            worstInlet = Math.Max(worstInlet, Math.Abs(a.InletOpening - b.InletOpening));
            Assert.Equal(a.SprayOpen, b.SprayOpen);
            Assert.Equal(a.VentOpen, b.VentOpen);
        });

        output.WriteLine(
            $"max |Δ| over 30 s, {PlantParameters.Default.MaxIntegrationStepMs} ms vs 0.25 ms steps: P_out {worst[0] * 1e3:F2} kPa, P_bottle {worst[1] * 1e3:F2}, " +
            $"P_src {worst[2] * 1e3:F2}, P_hose {worst[3] * 1e3:F2}, tank {worst[4] * 1e3:F2}; inlet opening {worstInlet:E1}");
        Assert.True(worst[0] < 0.003, $"P_out off by {worst[0] * 1e3:F2} kPa");
        Assert.True(worst[1] < 0.003, $"P_bottle off by {worst[1] * 1e3:F2} kPa");
        Assert.True(worst[2] < 0.010, $"P_src off by {worst[2] * 1e3:F2} kPa");
        Assert.True(worst[3] < 0.005, $"P_hose off by {worst[3] * 1e3:F2} kPa");
        Assert.True(worst[4] < 0.003, $"tank off by {worst[4] * 1e3:F2} kPa");

        // The spool's lag is advanced exactly, however many sub-steps at once.
        Assert.True(worstInlet < 1e-12, $"inlet opening off by {worstInlet}");
    }

    [Fact]
    public void A_solenoid_still_moves_on_its_sub_step_when_the_plant_is_advanced_a_tick_at_a_time()
    {
        var plant = new SprayPlant(PlantTestExtensions.Quiet);
        plant.AdvanceTo(0.01025);
        plant.SetCoil(PlantCoil.SprayValve, true);

        // 10 ms pull-in from 10.25 ms: closed up to 20.0 ms, open from 20.25 ms.
        plant.AdvanceTo(0.020);
        Assert.False(plant.Snapshot().SprayOpen);
        plant.AdvanceTo(0.02025);
        Assert.True(plant.Snapshot().SprayOpen);
    }

    [Fact]
    public void Gas_starts_through_a_valve_from_the_sub_step_it_opens_on()
    {
        // Commanded at 490.5 ms, the charge valve opens 10 ms later, 0.25 ms into the tick that ends
        // at 502 ms: a step must end there, so the bottle gets 1.75 ms of flow in that tick, not 2.
        var fine = new SprayPlant(EverySubStep);
        var coarse = new SprayPlant(PlantTestExtensions.Quiet);
        foreach (var plant in new[] { fine, coarse })
        {
            plant.FeedManifoldFromOxygen();
            plant.AdvanceTo(0.4905);
            plant.SetCoil(PlantCoil.ChargeValve, true);
            plant.AdvanceTo(0.500);
            plant.AdvanceTo(0.502);
        }

        var fineRise = fine.PBottleMpa;
        var coarseRise = coarse.PBottleMpa;
        output.WriteLine($"bottle after 1.75 ms of charge flow: {fineRise * 1e3:F3} kPa (sub-steps) vs {coarseRise * 1e3:F3} kPa");
        Assert.True(fineRise > 0.0003, $"{fineRise * 1e3:F3} kPa");
        Assert.Equal(fineRise, coarseRise, fineRise * 0.02);
    }

    [Fact]
    public void The_transducers_lag_a_filling_manifold_as_they_do_sub_step_by_sub_step()
    {
        // 1 ms response: the sensed pressure trails the manifold filling at up to ~10 MPa/s. The lag
        // (sensed minus true, 4 V per MPa) must be the same whether the 8 sub-steps of a tick are
        // integrated one by one or in longer steps.
        var fine = new SprayPlant(EverySubStep);
        var coarse = new SprayPlant(PlantTestExtensions.Quiet);
        var worst = 0.0;
        var largestLag = 0.0;
        fine.FeedManifoldFromOxygen();
        coarse.FeedManifoldFromOxygen();
        for (var k = 1; k <= 100; k++)
        {
            fine.AdvanceTo(k * 0.002);
            coarse.AdvanceTo(k * 0.002);
            var fineLag = fine.SensorVolts(SensorChannel.POut) - Volts(fine.POutMpa);
            var coarseLag = coarse.SensorVolts(SensorChannel.POut) - Volts(coarse.POutMpa);
            largestLag = Math.Max(largestLag, Math.Abs(fineLag));
            worst = Math.Max(worst, Math.Abs(fineLag - coarseLag));
        }

        output.WriteLine($"transducer lag up to {largestLag * 1e3:F2} mV; worst difference {worst * 1e3:F4} mV");
        Assert.True(largestLag > 0.004, "the manifold should fill fast enough for the lag to show");
        Assert.True(worst < 0.1 * largestLag, $"{worst * 1e3:F4} mV");

        static double Volts(double gaugeMpa) => 0.5 + (4.0 * gaugeMpa);
    }

    [Fact]
    public void A_step_longer_than_the_sub_step_must_be_a_whole_number_of_them_and_at_least_one()
    {
        Assert.Throws<ArgumentException>(() => new SprayPlant(PlantParameters.Default with { MaxIntegrationStepMs = 0.1 }));
        Assert.Throws<ArgumentException>(() => new SprayPlant(PlantParameters.Default with { MaxIntegrationStepMs = 0.3 }));
        Assert.Throws<ArgumentException>(() => new SprayPlant(PlantParameters.Default with { MaxIntegrationStepMs = double.NaN }));
    }
}
