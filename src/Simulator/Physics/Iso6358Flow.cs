namespace HydroOxygen.Simulator.Physics;

/// <summary>
/// Mass flow through a restriction after ISO 6358: choked below the critical pressure ratio b,
/// subsonic (elliptic) above it, and a laminar branch close to equal pressures.
/// </summary>
/// <remarks>
/// The pure subsonic ellipse has an infinite slope at p2/p1 = 1, which makes any integrator ring
/// around equilibrium. Above <see cref="LaminarRatio"/> the flow is replaced by the straight line
/// through zero that meets the ellipse there, so the flow is continuous and its slope is finite.
/// The partial derivatives are returned with the flow because the plant integrates implicitly.
/// </remarks>
public static class Iso6358Flow
{
    /// <summary>Pressure ratio above which the laminar branch replaces the subsonic ellipse.</summary>
    public const double LaminarRatio = 0.999;

    /// <summary>
    /// Flow from the upstream to the downstream side, with p1 ≥ p2 (absolute pascals).
    /// </summary>
    /// <param name="conductance">Sonic conductance C, m³/(s·Pa).</param>
    /// <param name="criticalRatio">Critical pressure ratio b, 0 ≤ b &lt; 1.</param>
    /// <param name="upstreamTemperature">Upstream gas temperature, K.</param>
    /// <param name="dFlowDp1">∂ṁ/∂p1, kg/(s·Pa).</param>
    /// <param name="dFlowDp2">∂ṁ/∂p2, kg/(s·Pa); zero when choked.</param>
    /// <returns>Mass flow ṁ ≥ 0, kg/s.</returns>
    public static double Forward(
        double conductance,
        double criticalRatio,
        double p1,
        double p2,
        double upstreamTemperature,
        out double dFlowDp1,
        out double dFlowDp2)
    {
        // K·p1 is the choked flow: C·ρ0·p1·√(T0/T1).
        var k = Coefficient(conductance, upstreamTemperature);
        return ForwardWith(k, criticalRatio, LaminarFactor(criticalRatio), p1, p2, out dFlowDp1, out dFlowDp2);
    }

    /// <summary>K = C·ρ0·√(T0/T): the choked flow per pascal of upstream pressure, kg/(s·Pa).</summary>
    internal static double Coefficient(double conductance, double upstreamTemperature) =>
        conductance * Gas.ReferenceDensity * Math.Sqrt(Gas.ReferenceTemperature / upstreamTemperature);

    /// <summary>
    /// <see cref="Forward(double, double, double, double, double, out double, out double)"/> with its
    /// coefficient K and the restriction's <see cref="LaminarFactor"/> worked out beforehand.
    /// </summary>
    internal static double ForwardWith(
        double k,
        double criticalRatio,
        double laminarFactor,
        double p1,
        double p2,
        out double dFlowDp1,
        out double dFlowDp2)
    {
        if (k <= 0.0 || p1 <= 0.0)
        {
            dFlowDp1 = 0.0;
            dFlowDp2 = 0.0;
            return 0.0;
        }

        var ratio = p2 / p1;
        if (ratio <= criticalRatio)
        {
            dFlowDp1 = k;
            dFlowDp2 = 0.0;
            return k * p1;
        }

        if (ratio < LaminarRatio)
        {
            var span = 1.0 - criticalRatio;
            var s = (ratio - criticalRatio) / span;
            var g = Math.Sqrt(1.0 - (s * s));
            var dgDr = -s / (g * span);
            dFlowDp1 = k * (g - (ratio * dgDr));
            dFlowDp2 = k * dgDr;
            return k * p1 * g;
        }

        // ṁ = k·g(rL)·p1·(1 − r)/(1 − rL) = G·(p1 − p2): linear in the pressure difference.
        var conductanceLaminar = k * laminarFactor / (1.0 - LaminarRatio);
        dFlowDp1 = conductanceLaminar;
        dFlowDp2 = -conductanceLaminar;
        return conductanceLaminar * (p1 - p2);
    }

    /// <summary>
    /// Signed flow from side a to side b (negative when the gas goes from b to a), with the partial
    /// derivatives with respect to pa and pb.
    /// </summary>
    public static double Signed(
        double conductance,
        double criticalRatio,
        double pa,
        double pb,
        double temperature,
        out double dFlowDpa,
        out double dFlowDpb)
    {
        if (pa >= pb)
        {
            return Forward(conductance, criticalRatio, pa, pb, temperature, out dFlowDpa, out dFlowDpb);
        }

        var reverse = Forward(conductance, criticalRatio, pb, pa, temperature, out var dReverseDpb, out var dReverseDpa);
        dFlowDpa = -dReverseDpa;
        dFlowDpb = -dReverseDpb;
        return -reverse;
    }

    /// <summary>g(rL): the ellipse where the laminar line meets it, per unit of choked flow.</summary>
    internal static double LaminarFactor(double criticalRatio)
    {
        var s = (LaminarRatio - criticalRatio) / (1.0 - criticalRatio);
        return Math.Sqrt(1.0 - (s * s));
    }
}
