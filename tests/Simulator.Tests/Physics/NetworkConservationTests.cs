using HydroOxygen.Simulator.Physics;
using Xunit.Abstractions;

namespace HydroOxygen.Simulator.Tests.Physics;

/// <summary>
/// A closed network (no path to a boundary open) can only move gas around: the booked mass and the
/// linear invariant Σ V·p must not drift, and pressures must end at the volume-weighted mean.
/// </summary>
public class NetworkConservationTests(ITestOutputHelper output)
{
    private const double Temperature = 293.0;
    private const double Step = 0.25e-3;
    private const int Steps = 12_000;
    private static readonly double[] Volumes = [10e-6, 20e-6, 50e-6, 100e-6];
    private static readonly double[] Pressures = [901_325, 201_325, 501_325, 101_325];

    private static PneumaticNetwork ClosedNetwork(double polytropicExponent)
    {
        FlowPath[] paths =
        [
            Path(0, 1, 0.2, 0.3),
            Path(1, 2, 0.1, 0.5),
            Path(2, 3, 0.3, 0.3),
            Path(0, 3, 0.05, 0.2),
            Path(3, 1, 0.15, 0.4),

            // A closed vent to the atmosphere boundary: present, but shut.
            Path(2, 4, 0.0, 0.3),
        ];
        var network = new PneumaticNetwork(Volumes, [101_325.0], paths, Temperature, polytropicExponent, 101_325.0);
        for (var i = 0; i < Volumes.Length; i++)
        {
            network.SetPressure(i, Pressures[i]);
        }

        return network;

        static FlowPath Path(int from, int to, double c, double b)
        {
            var path = FlowPath.Restriction(from, to, b);
            path.Conductance = Gas.ConductanceSi(c);
            return path;
        }
    }

    private static double SumVp(PneumaticNetwork network)
    {
        var sum = 0.0;
        for (var i = 0; i < network.ChamberCount; i++)
        {
            sum += network.Volume(i) * network.Pressure(i);
        }

        return sum;
    }

    private static double SumMass(PneumaticNetwork network)
    {
        var sum = 0.0;
        for (var i = 0; i < network.ChamberCount; i++)
        {
            sum += network.Mass(i);
        }

        return sum;
    }

    private (double Vp, double Mass) WorstDrift(PneumaticNetwork network)
    {
        var vp0 = SumVp(network);
        var mass0 = SumMass(network);
        var worstVp = 0.0;
        var worstMass = 0.0;
        for (var k = 0; k < Steps; k++)
        {
            network.Step(Step);
            worstVp = Math.Max(worstVp, Math.Abs(SumVp(network) - vp0) / vp0);
            worstMass = Math.Max(worstMass, Math.Abs(SumMass(network) - mass0) / mass0);
        }

        output.WriteLine($"n = {network.PolytropicExponent}: worst relative drift over {Steps} steps: Σ V·p {worstVp:E2}, Σ m {worstMass:E2}");
        return (worstVp, worstMass);
    }

    [Fact]
    public void Isothermal_closed_network_conserves_mass_and_sum_of_V_p()
    {
        var (vp, mass) = WorstDrift(ClosedNetwork(1.0));

        Assert.True(vp < 1e-12, $"Σ V·p drifted by {vp:E2}");
        Assert.True(mass < 1e-12, $"Σ m drifted by {mass:E2}");
    }

    [Fact]
    public void Polytropic_closed_network_conserves_mass_and_sum_of_V_p()
    {
        var (vp, mass) = WorstDrift(ClosedNetwork(1.2));

        Assert.True(vp < 1e-12, $"Σ V·p drifted by {vp:E2}");
        Assert.True(mass < 1e-12, $"Σ m drifted by {mass:E2}");
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(1.2)]
    public void Pressures_equalize_to_the_volume_weighted_mean(double polytropicExponent)
    {
        var network = ClosedNetwork(polytropicExponent);
        var mean = Volumes.Zip(Pressures, (v, p) => v * p).Sum() / Volumes.Sum();

        for (var k = 0; k < Steps; k++)
        {
            network.Step(Step);
        }

        for (var i = 0; i < network.ChamberCount; i++)
        {
            Assert.Equal(mean, network.Pressure(i), mean * 1e-9);
        }

        Assert.InRange(mean, 265_000, 270_000);
    }

    [Fact]
    public void Isothermal_booked_mass_of_each_chamber_matches_its_pressure()
    {
        // With n = 1 every chamber is an ideal-gas store: m = p·V / (R·T) at every step, not just in total.
        var network = ClosedNetwork(1.0);
        for (var k = 0; k < 2_000; k++)
        {
            network.Step(Step);
        }

        for (var i = 0; i < network.ChamberCount; i++)
        {
            var ideal = network.Pressure(i) * network.Volume(i) / (Gas.SpecificGasConstant * Temperature);
            Assert.Equal(ideal, network.Mass(i), ideal * 1e-10);
        }
    }

    [Fact]
    public void Mass_booked_on_each_path_accounts_for_every_chamber_change()
    {
        var network = ClosedNetwork(1.2);
        var before = Enumerable.Range(0, network.ChamberCount).Select(network.Mass).ToArray();

        for (var k = 0; k < 3_000; k++)
        {
            network.Step(Step);
        }

        var net = new double[network.ChamberCount];
        for (var e = 0; e < 6; e++)
        {
            ref readonly var path = ref network.Path(e);
            if (path.From < net.Length)
            {
                net[path.From] -= network.PathMass(e);
            }

            if (path.To < net.Length)
            {
                net[path.To] += network.PathMass(e);
            }
        }

        for (var i = 0; i < net.Length; i++)
        {
            Assert.Equal(before[i] + net[i], network.Mass(i), before.Max() * 1e-12);
        }

        Assert.Equal(0.0, network.PathMass(5));
    }
}
