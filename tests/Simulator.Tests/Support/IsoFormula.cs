namespace HydroOxygen.Simulator.Tests.Support;

/// <summary>
/// The ISO 6358 flow written out again from DESIGN §1.3, independently of the model, so that tests
/// compare the simulator against the formula and not against itself.
/// </summary>
internal static class IsoFormula
{
    public const double Rho0 = 1.185;
    public const double T0 = 293.15;
    public const double R = 287.0;

    /// <summary>dm³/(s·bar) → m³/(s·Pa).</summary>
    public static double Si(double dm3PerSecondBar) => dm3PerSecondBar * 1e-3 / 1e5;

    public static double Choked(double c, double p1, double t1) => c * Rho0 * p1 * Math.Sqrt(T0 / t1);

    public static double Subsonic(double c, double b, double p1, double p2, double t1)
    {
        var x = ((p2 / p1) - b) / (1 - b);
        return Choked(c, p1, t1) * Math.Sqrt(1 - (x * x));
    }

    /// <summary>The full characteristic with the laminar straight line above <paramref name="laminarRatio"/>.</summary>
    public static double Flow(double c, double b, double p1, double p2, double t1, double laminarRatio)
    {
        if (p2 > p1)
        {
            return -Flow(c, b, p2, p1, t1, laminarRatio);
        }

        var r = p2 / p1;
        if (r <= b)
        {
            return Choked(c, p1, t1);
        }

        if (r < laminarRatio)
        {
            return Subsonic(c, b, p1, p2, t1);
        }

        var atJoin = Subsonic(c, b, 1.0, laminarRatio, t1);
        return atJoin * (p1 - p2) / (1 - laminarRatio);
    }
}
