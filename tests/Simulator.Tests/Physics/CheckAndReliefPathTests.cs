using HydroOxygen.Simulator.Physics;

namespace HydroOxygen.Simulator.Tests.Physics;

/// <summary>One-way (check valve) and relief paths between a chamber and a boundary.</summary>
public class CheckAndReliefPathTests
{
    private const double Temperature = 293.0;
    private const double Atm = 101_325.0;
    private const double Volume = 20e-6;
    private const double Crack = 700_000.0;
    private const double Band = 10_000.0;
    private static readonly double C = Gas.ConductanceSi(0.2);

    private static PneumaticNetwork Network(FlowPath path, double chamberPa, double boundaryPa) =>
        new([Volume], [boundaryPa], [path], Temperature, 1.0, chamberPa);

    private static FlowPath Restriction(int from, int to, bool oneWay)
    {
        var path = FlowPath.Restriction(from, to, 0.3, oneWay);
        path.Conductance = C;
        return path;
    }

    [Fact]
    public void A_one_way_path_blocks_reverse_flow()
    {
        // Chamber → boundary is the allowed direction; the boundary is at the higher pressure.
        var network = Network(Restriction(0, 1, oneWay: true), 200_000, 500_000);

        for (var k = 0; k < 400; k++)
        {
            network.Step(0.25e-3);
        }

        Assert.Equal(200_000, network.Pressure(0));
        Assert.Equal(0.0, network.PathFlow(0));
        Assert.Equal(0.0, network.PathMass(0));
    }

    [Fact]
    public void The_same_path_without_the_check_fills_the_chamber_backwards()
    {
        var network = Network(Restriction(0, 1, oneWay: false), 200_000, 500_000);

        network.Step(0.25e-3);

        Assert.True(network.Pressure(0) > 200_000);
        Assert.True(network.PathFlow(0) < 0);
    }

    [Fact]
    public void A_one_way_path_passes_forward_flow()
    {
        var network = Network(Restriction(1, 0, oneWay: true), 200_000, 500_000);

        network.Step(0.25e-3);

        Assert.True(network.Pressure(0) > 200_000);
        Assert.True(network.PathFlow(0) > 0);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(300_000.0)]
    [InlineData(690_000.0)]
    [InlineData(699_999.0)]
    public void A_relief_path_is_closed_below_its_crack_pressure(double gauge)
    {
        var network = Network(FlowPath.Relief(0, 1, C, 0.3, Crack, Band), Atm + gauge, Atm);

        for (var k = 0; k < 100; k++)
        {
            network.Step(0.25e-3);
        }

        Assert.Equal(Atm + gauge, network.Pressure(0));
        Assert.Equal(0.0, network.PathMass(0));
    }

    [Theory]
    [InlineData(710_000.0, 1.0)]
    [InlineData(800_000.0, 1.0)]
    [InlineData(705_000.0, 0.5)]
    [InlineData(702_500.0, 0.25)]
    public void A_relief_path_above_its_crack_pressure_passes_the_opened_share_of_the_iso_flow(double gauge, double opening)
    {
        var network = Network(FlowPath.Relief(0, 1, C, 0.3, Crack, Band), Atm + gauge, Atm);

        // A step so short the pressure barely moves, so the booked flow is the flow at the start.
        network.Step(1e-9);

        var full = Iso6358Flow.Forward(C, 0.3, Atm + gauge, Atm, Temperature, out _, out _);
        Assert.Equal(opening * full, network.PathFlow(0), full * 1e-5);
        Assert.True(network.Pressure(0) < Atm + gauge);
    }

    [Fact]
    public void A_relief_path_blows_a_chamber_down_to_its_crack_pressure_and_no_further()
    {
        var network = Network(FlowPath.Relief(0, 1, C, 0.3, Crack, Band), Atm + 900_000, Atm);

        for (var k = 0; k < 4_000; k++)
        {
            network.Step(0.25e-3);
        }

        Assert.InRange(network.Pressure(0) - Atm, Crack, Crack + 100);
    }

    [Fact]
    public void A_relief_path_never_lets_gas_in()
    {
        var network = Network(FlowPath.Relief(0, 1, C, 0.3, Crack, Band), Atm, Atm + 900_000);

        network.Step(0.25e-3);

        Assert.Equal(Atm, network.Pressure(0));
    }
}
