using HydroOxygen.Hal;
using HydroOxygen.Hal.Tests.Fakes;

namespace HydroOxygen.Hal.Tests;

public class PwmProportionalValveTests
{
    [Fact]
    public void Opening_zero_switches_the_coil_off_even_with_a_cracking_duty()
    {
        var pwm = new FakePwm();
        var valve = new PwmProportionalValve(pwm, crackingDuty: 0.25, fullOpenDuty: 0.85);
        valve.SetOpening(0.5);

        valve.SetOpening(0.0);

        Assert.Equal(0.0, pwm.DutyCycle);
        Assert.Equal(0.0, valve.CommandedOpening);
    }

    [Theory]
    [InlineData(1e-12, 0.25)]
    [InlineData(0.25, 0.40)]
    [InlineData(0.5, 0.55)]
    [InlineData(1.0, 0.85)]
    public void Openings_map_linearly_into_the_modulating_band(double opening, double duty)
    {
        var pwm = new FakePwm();
        var valve = new PwmProportionalValve(pwm, crackingDuty: 0.25, fullOpenDuty: 0.85);

        valve.SetOpening(opening);

        Assert.Equal(duty, pwm.DutyCycle, 9);
        Assert.Equal(opening, valve.CommandedOpening);
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(0.3, 0.3)]
    [InlineData(1.0, 1.0)]
    public void Without_a_band_the_opening_is_the_duty(double opening, double duty)
    {
        var pwm = new FakePwm();

        new PwmProportionalValve(pwm).SetOpening(opening);

        Assert.Equal(duty, pwm.DutyCycle, 12);
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Out_of_range_openings_throw_and_leave_the_valve_as_it_was(double opening)
    {
        var pwm = new FakePwm();
        var valve = new PwmProportionalValve(pwm, 0.2, 0.9);
        valve.SetOpening(0.5);

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => valve.SetOpening(opening));

        Assert.Equal("opening", ex.ParamName);
        Assert.Equal(0.55, pwm.DutyCycle, 12);
        Assert.Equal(0.5, valve.CommandedOpening);
        Assert.Equal(1, pwm.Writes);
    }

    [Theory]
    [InlineData(-0.1, 1.0)]
    [InlineData(0.0, 1.1)]
    [InlineData(0.5, 0.5)]
    [InlineData(0.6, 0.5)]
    [InlineData(double.NaN, 1.0)]
    [InlineData(0.0, double.NaN)]
    public void A_duty_band_that_is_not_ordered_within_zero_to_one_is_refused(double cracking, double fullOpen)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PwmProportionalValve(new FakePwm(), cracking, fullOpen));
    }

    [Fact]
    public void A_valve_needs_a_PWM_channel()
    {
        Assert.Throws<ArgumentNullException>(() => new PwmProportionalValve(null!));
    }
}
