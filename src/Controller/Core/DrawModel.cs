namespace HydroOxygen.Controller.Core;

/// <summary>
/// Predicts the gas leaving the manifold through the charge valve (into the bottle) and the spray
/// valve (into the hose and out of the nozzle), from a one-volume model of each.
/// </summary>
/// <remarks>
/// The regulator feeds these draws forward so that the inlet opens with the valve, not after the
/// pressure has dropped. The hose follows the measured manifold only through a real dip (below the
/// steered pressure by more than the noise); the bottle stays on the steered pressure. Why, with the
/// figures: docs/DECISIONS.md, "The draw model".
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
