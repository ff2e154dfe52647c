namespace HydroOxygen.Controller.Core;

/// <summary>
/// The ISO 6358 flow model as the controller's feed-forward uses it, in the units a technician
/// would read off a flowmeter: litres per minute of free air (ANR), pressures in MPa gauge.
/// </summary>
public static class GasFlow
{
    public const double AtmosphereMpa = 0.101325;

    private const double LaminarRatio = 0.999;

    /// <summary>
    /// Free-air flow through a restriction of conductance <paramref name="c"/> dm³/(s·bar) and
    /// critical ratio <paramref name="b"/> from <paramref name="upMpa"/> to <paramref name="downMpa"/>
    /// (gauge), litres/min; zero if the downstream side is not lower.
    /// </summary>
    public static double Lpm(double c, double b, double upMpa, double downMpa, double temperatureK = 293.0)
    {
        var p1 = upMpa + AtmosphereMpa;
        var p2 = downMpa + AtmosphereMpa;
        if (!(p1 > p2) || p1 <= 0 || c <= 0)
        {
            return 0.0;
        }

        // C·p1 is dm³/s ANR with p1 in bar; × 60 for litres per minute.
        var choked = c * p1 * 10.0 * 60.0 * Math.Sqrt(293.15 / temperatureK);
        var ratio = p2 / p1;
        if (ratio <= b)
        {
            return choked;
        }

        if (ratio < LaminarRatio)
        {
            var s = (ratio - b) / (1.0 - b);
            return choked * Math.Sqrt(1.0 - (s * s));
        }

        var sl = (LaminarRatio - b) / (1.0 - b);
        return choked * Math.Sqrt(1.0 - (sl * sl)) * (1.0 - ratio) / (1.0 - LaminarRatio);
    }

    /// <summary>
    /// Free-air litres that raise a volume by 1 MPa: the capacitance that turns a pressure rate into
    /// a flow (dp/dt = n·R·T/V · ṁ).
    /// </summary>
    public static double LitresPerMpa(double volumeMl, double polytropicExponent, double temperatureK)
    {
        // V/(n·R·T) kg/Pa, × 1e6 Pa/MPa, ÷ ρ0 for m³ ANR, × 1000 for litres.
        const double r = 287.0;
        const double rho0 = 1.185;
        return volumeMl * 1e-6 / (polytropicExponent * r * temperatureK) * 1e6 / rho0 * 1000.0;
    }
}
