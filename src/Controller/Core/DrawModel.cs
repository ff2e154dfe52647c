namespace HydroOxygen.Controller.Core;

/// <summary>
/// Predicts the gas leaving the manifold through the charge valve (into the bottle) and the spray
/// valve (into the hose and out of the nozzle), from a one-volume model of each.
/// </summary>
/// <remarks>
/// <para>
/// The regulator feeds these draws forward so that the inlet opens when the charge or spray valve
/// does, not after the pressure has dropped. Because the prediction is a smooth model rather than a
/// noisy measurement, the regulator can afford to invert the inlet valve's lag on it. The bottle estimate is an observer: it integrates the predicted charge flow
/// and is pulled towards the measured bottle pressure, so an unknown liquid level (and with it an
/// unknown headspace) only slows it down, never leaves it wrong. Both volumes are integrated
/// implicitly, since near equilibrium the laminar branches make them stiff at the loop period.
/// </para>
/// <para>
/// The hose fills from the manifold as it really is: when the measured manifold is below the
/// pressure the regulator steers to by more than the transducer's noise, the hose model advances
/// on the measurement (plus that margin); the draw handed to the regulator is still evaluated at
/// the steered pressure, which keeps the measurement out of the feed-forward. Filling the hose at
/// the steered pressure through a 40–65 kPa spray-start dip had it come out of the dip ahead of the
/// real hose, the predicted draw too small, and the manifold sagging ~11 kPa below the setpoint for
/// 150–400 ms until the integrator caught up. A lower measurement makes the hose fill slower and the
/// predicted draw larger, so it enters with the stabilising sign.
/// </para>
/// <para>
/// The margin keeps the model on the steered pressure while the manifold is on it: following
/// noise below it would bias the hose low and the draw high all through a spray, and the same extra
/// draw is fed to a blocked nozzle, where it has nowhere to go but into the manifold (a clogged
/// nozzle peaked at 0.5002 MPa without the margin, against its 0.50 MPa bound; 0.4999 with it).
/// The bottle stays on the steered pressure: following the measurement there added another 1.5 kPa
/// to a blocked nozzle's peak, and the hose alone takes out the sag. Above the steered pressure both
/// keep to it: a manifold running high is an excess the vent is about to shed, or a blocked nozzle
/// whose rise the nozzle observer must see.
/// </para>
/// </remarks>
public struct DrawModel
{
    private const double Probe = 1e-4;

    /// <summary>
    /// How far the measured manifold must be below the steered pressure before the hose follows it,
    /// MPa: five times the transducer's 1 kPa noise, so that only a real dip moves the model.
    /// </summary>
    internal const double HoseFollowsBelowMpa = 0.005;

    private double _hoseMpa;
    private double _bottleMpa;

    public readonly double HoseMpa => _hoseMpa;
    public readonly double BottleMpa => _bottleMpa;

    public void Reset(double bottleMeasuredMpa)
    {
        _hoseMpa = 0.0;
        _bottleMpa = bottleMeasuredMpa;
    }

    /// <summary>Advances both models by <paramref name="dt"/> and returns the predicted draw, litres/min.</summary>
    /// <param name="manifoldMpa">The pressure the regulator steers the manifold to, at which the draw is evaluated.</param>
    public double Update(in RegulatorInputs input, double manifoldMpa, RegulatorSettings settings, double dt)
    {
        var sprayOpen = input.SprayOpenForS >= settings.SolenoidOnDelayS;
        var chargeOpen = input.ChargeOpenForS >= settings.SolenoidOnDelayS;
        var temperature = settings.GasTemperatureK;
        var n = settings.PolytropicExponent;

        // The hose fills at no more than the manifold really has, once that is clearly less (see the remarks).
        var filling = Math.Min(manifoldMpa, input.POutMpa + HoseFollowsBelowMpa);
        var hoseRate = 1.0 / (GasFlow.LitresPerMpa(settings.HoseMl, n, temperature) * 60.0);
        var hoseNow = HoseRate(_hoseMpa, sprayOpen, filling, hoseRate, settings);
        var hoseSlope = (HoseRate(_hoseMpa + Probe, sprayOpen, filling, hoseRate, settings) - hoseNow) / Probe;
        _hoseMpa = ImplicitStep(_hoseMpa, dt, hoseNow, Math.Min(hoseSlope, 0.0));

        var bottleRate = 1.0 / (GasFlow.LitresPerMpa(settings.BottleHeadspaceMl, n, temperature) * 60.0);
        var correction = 1.0 / settings.BottleObserverS;
        var bottleNow = BottleRate(_bottleMpa, chargeOpen, manifoldMpa, bottleRate, correction, input.PBottleMpa, settings);
        var bottleSlope = (BottleRate(_bottleMpa + Probe, chargeOpen, manifoldMpa, bottleRate, correction, input.PBottleMpa, settings) - bottleNow) / Probe;
        _bottleMpa = ImplicitStep(_bottleMpa, dt, bottleNow, Math.Min(bottleSlope, -correction));

        return (sprayOpen ? Flow(settings.SprayC, settings.SprayB, manifoldMpa, _hoseMpa, temperature) : 0.0)
            + (chargeOpen ? Flow(settings.ChargeC, settings.ChargeB, manifoldMpa, _bottleMpa, temperature) : 0.0);
    }

    /// <summary>Signed flow from the manifold into a volume (negative when the volume is higher).</summary>
    private static double Flow(double c, double b, double manifoldMpa, double volumeMpa, double temperature) =>
        volumeMpa <= manifoldMpa
            ? GasFlow.Lpm(c, b, manifoldMpa, volumeMpa, temperature)
            : -GasFlow.Lpm(c, b, volumeMpa, manifoldMpa, temperature);

    private static double HoseRate(double hose, bool sprayOpen, double manifoldMpa, double rate, RegulatorSettings settings) =>
        rate * ((sprayOpen ? Flow(settings.SprayC, settings.SprayB, manifoldMpa, hose, settings.GasTemperatureK) : 0.0)
            - GasFlow.Lpm(settings.NozzleC, settings.NozzleB, hose, 0.0, settings.GasTemperatureK));

    private static double BottleRate(
        double bottle, bool chargeOpen, double manifoldMpa, double rate, double correction, double measured, RegulatorSettings settings) =>
        (chargeOpen ? rate * Flow(settings.ChargeC, settings.ChargeB, manifoldMpa, bottle, settings.GasTemperatureK) : 0.0)
        + (correction * (measured - bottle));

    /// <summary>One linearly implicit Euler step of dp/dt = f(p), given f and its (non-positive) slope.</summary>
    private static double ImplicitStep(double p, double dt, double value, double slope) =>
        Math.Max(0.0, p + (dt * value / (1.0 - (dt * slope))));
}
