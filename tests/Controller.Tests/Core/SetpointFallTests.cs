using HydroOxygen.Controller.Core;

namespace HydroOxygen.Controller.Tests.Core;

/// <summary>The vent-down of a lowered setpoint, at tick granularity, on the nominal 20 mL manifold and vent.</summary>
public class SetpointFallTests
{
    private const double Tick = 0.002;
    private const double PullIn = 0.01;

    private static readonly RegulatorSettings Nominal = new();
    private static readonly double Capacitance =
        GasFlow.LitresPerMpa(Nominal.ManifoldMl, Nominal.PolytropicExponent, Nominal.GasTemperatureK) * 60.0;

    [Fact]
    public void A_lowered_setpoint_opens_the_vent_fully_while_the_blow_down_over_the_pull_in_stays_above_it()
    {
        var fall = Lowered(fromMpa: 0.60, toMpa: 0.30);

        Assert.Equal(1.0, Step(ref fall, 0.30, 0.32, now: 1.002));
        Assert.True(fall.Active);
    }

    /// <summary>
    /// Shut on the tick where the pressure, less what the vent still lets out while its coil pulls in
    /// (and half this tick), is at the setpoint; the regulator takes over once the vent has closed.
    /// The blow-down here is ~1.2 kPa per ms: on 3451b78 the time-proportioned vent stopped the bench's
    /// 0.6 → 0.3 step 12 kPa high.
    /// </summary>
    [Fact]
    public void The_vent_is_shut_where_its_blow_down_over_the_pull_in_lands_on_the_setpoint_and_then_hands_over()
    {
        var fall = Lowered(fromMpa: 0.60, toMpa: 0.30);
        var pressure = 0.33;
        var now = 1.002;
        while (Step(ref fall, 0.30, pressure, now) == 1.0)
        {
            Assert.True(pressure - SetpointFall.Fall(pressure, Vent(pressure), 0.0, Capacitance, PullIn + (Tick / 2)) > 0.30);
            pressure -= 0.0005;
            now += Tick;
        }

        Assert.InRange(pressure - SetpointFall.Fall(pressure, Vent(pressure), 0.0, Capacitance, PullIn + (Tick / 2)), 0.2995, 0.30);
        Assert.InRange(pressure, 0.31, 0.32);
        var shut = 0;
        while (Step(ref fall, 0.30, pressure, now += Tick) == 0.0)
        {
            shut++;
        }

        Assert.InRange(shut * Tick, PullIn, PullIn + (2 * Tick));
        Assert.False(fall.Active);
        Assert.True(fall.Landed);
    }

    /// <summary>The closed form against the choked blow-down integrated in small steps through the vent's flow model.</summary>
    [Theory]
    [InlineData(0.60, 0.011)]
    [InlineData(0.31, 0.011)]
    [InlineData(0.31, 0.05)]
    public void The_modelled_fall_is_the_choked_blow_down_through_the_vent(double fromMpa, double seconds)
    {
        var p = fromMpa;
        const int steps = 10000;
        for (var i = 0; i < steps; i++)
        {
            p -= Vent(p) / Capacitance * (seconds / steps);
        }

        Assert.Equal(fromMpa - p, SetpointFall.Fall(fromMpa, Vent(fromMpa), 0.0, Capacitance, seconds), 5e-5);
    }

    /// <summary>A vent that does not bring the manifold down (stuck shut) is not held open for ever: the regulator and the over-pressure checks take it.</summary>
    [Fact]
    public void A_fall_that_does_not_come_down_hands_over_without_landing()
    {
        var fall = Lowered(fromMpa: 0.60, toMpa: 0.30);
        var ticks = (int)Math.Round(SetpointFall.GiveUpS / Tick);
        for (var k = 1; k < ticks; k++)
        {
            Assert.Equal(1.0, Step(ref fall, 0.30, 0.60, 1.0 + (k * Tick)));
        }

        Assert.True(double.IsNaN(Step(ref fall, 0.30, 0.60, 1.0 + ((ticks + 1) * Tick))));
        Assert.False(fall.Active);
        Assert.False(fall.Landed);
    }

    [Fact]
    public void A_small_or_ineligible_lowering_is_left_to_the_regulator()
    {
        var small = default(SetpointFall);
        small.Reset();
        Assert.True(double.IsNaN(Step(ref small, 0.60, 0.60, now: 0.998)));
        Assert.True(double.IsNaN(Step(ref small, 0.58, 0.60, now: 1.000)));

        var service = default(SetpointFall);
        service.Reset();
        Assert.True(double.IsNaN(Step(ref service, 0.60, 0.60, now: 0.998)));
        Assert.True(double.IsNaN(service.Command(0.30, 0.60, eligible: false, Vent(0.60), 0.0, Capacitance, PullIn, Tick, now: 1.000)));
        Assert.False(service.Active);
    }

    private static double Vent(double pMpa) => GasFlow.Lpm(Nominal.VentC, Nominal.VentB, pMpa, 0.0, Nominal.GasTemperatureK);

    private static double Step(ref SetpointFall fall, double setpointMpa, double pOutMpa, double now) =>
        fall.Command(setpointMpa, pOutMpa, eligible: true, Vent(pOutMpa), 0.0, Capacitance, PullIn, Tick, now);

    private static SetpointFall Lowered(double fromMpa, double toMpa)
    {
        var fall = default(SetpointFall);
        fall.Reset();
        Assert.True(double.IsNaN(Step(ref fall, fromMpa, fromMpa, now: 0.998)));
        Assert.Equal(1.0, Step(ref fall, toMpa, fromMpa, now: 1.000));
        return fall;
    }
}
