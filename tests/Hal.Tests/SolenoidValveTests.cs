using HydroOxygen.Hal;
using HydroOxygen.Hal.Tests.Fakes;

namespace HydroOxygen.Hal.Tests;

public class SolenoidValveTests
{
    [Fact]
    public void A_normally_closed_valve_is_opened_by_energizing_its_coil()
    {
        var coil = new FakeCoil();
        var valve = new SolenoidValve(coil, ValveNormalPosition.NormallyClosed);

        valve.SetOpen(true);
        Assert.True(coil.IsEnergized);

        valve.SetOpen(false);
        Assert.False(coil.IsEnergized);
        Assert.Equal([true, false], coil.Writes);
    }

    [Fact]
    public void A_normally_open_vent_is_opened_by_de_energizing_its_coil()
    {
        var coil = new FakeCoil();
        var vent = new SolenoidValve(coil, ValveNormalPosition.NormallyOpen);

        vent.SetOpen(false);
        Assert.True(coil.IsEnergized);

        vent.SetOpen(true);
        Assert.False(coil.IsEnergized);
        Assert.Equal([true, false], coil.Writes);
    }

    [Theory]
    [InlineData(ValveNormalPosition.NormallyClosed, true)]
    [InlineData(ValveNormalPosition.NormallyClosed, false)]
    [InlineData(ValveNormalPosition.NormallyOpen, true)]
    [InlineData(ValveNormalPosition.NormallyOpen, false)]
    public void IsCommandedOpen_reports_what_was_commanded(ValveNormalPosition position, bool open)
    {
        var valve = new SolenoidValve(new FakeCoil(), position);

        valve.SetOpen(open);

        Assert.Equal(open, valve.IsCommandedOpen);
        Assert.Equal(position, valve.NormalPosition);
    }

    [Fact]
    public void An_unpowered_coil_reads_as_the_normal_position()
    {
        // Before the first command the coil is de-energized, which is the hardware safe state.
        Assert.False(new SolenoidValve(new FakeCoil(), ValveNormalPosition.NormallyClosed).IsCommandedOpen);
        Assert.True(new SolenoidValve(new FakeCoil(), ValveNormalPosition.NormallyOpen).IsCommandedOpen);
    }

    [Fact]
    public void IsCommandedOpen_follows_the_coil_when_someone_else_writes_it()
    {
        // A safe-state path may de-energize coils directly; the valve must not report a stale command.
        var coil = new FakeCoil();
        var vent = new SolenoidValve(coil, ValveNormalPosition.NormallyOpen);
        vent.SetOpen(false);

        coil.Write(false);

        Assert.True(vent.IsCommandedOpen);
    }

    [Fact]
    public void A_valve_needs_a_coil()
    {
        Assert.Throws<ArgumentNullException>(() => new SolenoidValve(null!, ValveNormalPosition.NormallyClosed));
    }
}
