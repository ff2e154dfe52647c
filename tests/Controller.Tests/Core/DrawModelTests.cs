using HydroOxygen.Controller.Core;

namespace HydroOxygen.Controller.Tests.Core;

/// <summary>
/// The hose and bottle models while the measured manifold is off the pressure the regulator steers
/// to: below it in a spray-start dip, within noise of it, and above it with an excess or a blocked nozzle.
/// </summary>
public class DrawModelTests
{
    private const double Tick = 0.002;
    private const double Steered = 0.45;
    private const double Dipped = 0.40;
    private const double Bottle = 0.42;

    private static readonly RegulatorSettings Settings = ControllerSettings.Default.Regulator;

    [Fact]
    public void Through_a_dip_the_hose_fills_no_higher_than_the_manifold_really_is()
    {
        var dipped = RunSpray(Dipped, 0.1);
        var steered = RunSpray(Steered, 0.1);

        // The real hose cannot pass the manifold feeding it; at the steered pressure the model would
        // run ~40 kPa ahead of it.
        Assert.InRange(dipped.HoseMpa, 0.35, Dipped + DrawModel.HoseFollowsBelowMpa);
        Assert.True(steered.HoseMpa > Dipped + 0.02, $"hose at the steered pressure {steered.HoseMpa:F4} MPa");
    }

    [Fact]
    public void Coming_out_of_a_dip_the_less_filled_hose_predicts_the_larger_draw()
    {
        var dipped = RunSpray(Dipped, 0.05);
        var steered = RunSpray(Steered, 0.05);

        var afterDip = dipped.Update(Inputs(Steered, chargeOpenForS: 0.0), Steered, Settings, 0.0);
        var throughout = steered.Update(Inputs(Steered, chargeOpenForS: 0.0), Steered, Settings, 0.0);

        Assert.True(afterDip > throughout + 1.0, $"draw after the dip {afterDip:F2} L/min, without one {throughout:F2} L/min");
    }

    [Fact]
    public void Within_the_transducer_noise_below_the_steered_pressure_the_hose_keeps_to_it()
    {
        var noisy = RunSpray(Steered - (0.8 * DrawModel.HoseFollowsBelowMpa), 0.2);
        var steered = RunSpray(Steered, 0.2);

        Assert.Equal(steered.HoseMpa, noisy.HoseMpa, 9);
    }

    [Fact]
    public void Above_the_steered_pressure_the_hose_fills_as_if_the_manifold_were_at_it()
    {
        // A blocked nozzle drives the manifold high: the model must not shrink the draw on that.
        var high = RunSpray(Steered + 0.05, 0.1);
        var steered = RunSpray(Steered, 0.1);

        Assert.Equal(steered.HoseMpa, high.HoseMpa, 9);
    }

    [Fact]
    public void The_bottle_charges_at_the_steered_pressure_whatever_the_measurement()
    {
        var dipped = Run(Inputs(Dipped, chargeOpenForS: 1.0, sprayOpenForS: 0.0), 0.1);
        var steered = Run(Inputs(Steered, chargeOpenForS: 1.0, sprayOpenForS: 0.0), 0.1);

        Assert.Equal(steered.BottleMpa, dipped.BottleMpa, 9);
        Assert.True(steered.BottleMpa > Bottle, "the charge valve is open above the bottle: it must charge");
    }

    [Fact]
    public void The_draw_is_evaluated_at_the_steered_pressure_not_the_measured_one()
    {
        // Same hose and bottle states, two measurements, no time advanced: the same draw.
        var atDip = new DrawModel();
        atDip.Reset(Bottle);
        var atSetpoint = atDip;

        var drawAtDip = atDip.Update(Inputs(Dipped, chargeOpenForS: 1.0), Steered, Settings, 0.0);
        var drawAtSetpoint = atSetpoint.Update(Inputs(Steered, chargeOpenForS: 1.0), Steered, Settings, 0.0);

        Assert.Equal(drawAtSetpoint, drawAtDip, 9);
        Assert.True(drawAtDip > 0.0, "the charge and spray valves are open: gas must be drawn");
    }

    private static DrawModel RunSpray(double measuredManifold, double seconds) =>
        Run(Inputs(measuredManifold, chargeOpenForS: 0.0), seconds);

    private static DrawModel Run(RegulatorInputs inputs, double seconds)
    {
        var model = new DrawModel();
        model.Reset(Bottle);
        for (var t = 0.0; t < seconds; t += Tick)
        {
            model.Update(inputs, Steered, Settings, Tick);
        }

        return model;
    }

    // The bottle sensor reads the bottle's start pressure throughout, so the observer holds it there
    // and any movement of the model is the charge flow it integrates.
    private static RegulatorInputs Inputs(double measuredManifold, double chargeOpenForS, double sprayOpenForS = 1.0) =>
        new(Steered, measuredManifold, 0.75, Bottle, SourceOpenForS: 1.0, ChargeOpenForS: chargeOpenForS, SprayOpenForS: sprayOpenForS);
}
