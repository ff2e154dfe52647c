using HydroOxygen.Simulator.Devices;
using HydroOxygen.Simulator.Plant;
using HydroOxygen.Simulator.Tests.Support;

namespace HydroOxygen.Simulator.Tests.Devices;

/// <summary>ForceSafe de-energizes every output; the hardware's normal positions then make the device safe.</summary>
public class ForceSafeTests
{
    private static SimulatedBoard EverythingOn()
    {
        var board = SimulatedBoard.Create(PlantTestExtensions.Quiet, seed: 1, new VirtualClock());
        board.OxygenSourceValve.SetOpen(true);
        board.CompressorSourceValve.SetOpen(true);
        board.VentValve.SetOpen(false);
        board.ChargeValve.SetOpen(true);
        board.SprayValve.SetOpen(true);
        board.Compressor.Write(true);
        board.InletValve.SetOpening(0.6);
        board.Plant.RunFor(0.3);
        return board;
    }

    [Fact]
    public void ForceSafe_de_energizes_every_coil_and_zeroes_the_duty_at_once()
    {
        using var board = EverythingOn();

        Assert.True(board.ForceSafe());

        foreach (var coil in Enum.GetValues<PlantCoil>())
        {
            Assert.False(board.Plant.CoilEnergized(coil), $"{coil} still energized");
        }

        Assert.Equal(0.0, board.Plant.InletDuty);
        Assert.True(board.VentValve.IsCommandedOpen);
        Assert.False(board.OxygenSourceValve.IsCommandedOpen);
        Assert.False(board.SprayValve.IsCommandedOpen);
        Assert.False(board.Compressor.IsEnergized);
    }

    [Fact]
    public void After_ForceSafe_the_inlet_valve_reports_itself_closed()
    {
        // The solenoid valves read back from their coils and so report the safe state; the inlet must too,
        // or a controller publishing the commanded opening shows a shut valve as 60 % open.
        using var board = EverythingOn();

        board.ForceSafe();

        Assert.Equal(0.0, board.InletValve.CommandedOpening);
    }

    [Fact]
    public void After_the_off_delay_the_vent_is_open_and_everything_else_closed()
    {
        using var board = EverythingOn();
        var before = board.Plant.Snapshot();
        Assert.False(before.VentOpen);
        Assert.True(before.OxygenSourceOpen && before.AirSourceOpen && before.ChargeOpen && before.SprayOpen);

        board.ForceSafe();
        board.Plant.RunFor(0.0145);
        var during = board.Plant.Snapshot();
        board.Plant.RunFor(0.001);
        var after = board.Plant.Snapshot();

        Assert.False(during.VentOpen);
        Assert.True(during.SprayOpen);
        Assert.True(after.VentOpen);
        Assert.False(after.OxygenSourceOpen);
        Assert.False(after.AirSourceOpen);
        Assert.False(after.ChargeOpen);
        Assert.False(after.SprayOpen);
    }

    [Fact]
    public void After_ForceSafe_the_manifold_vents_to_atmosphere()
    {
        using var board = EverythingOn();
        Assert.True(board.Plant.POutMpa > 0.3);

        board.ForceSafe();
        board.Plant.RunFor(3.0);

        Assert.True(board.Plant.POutMpa < 0.02, $"manifold at {board.Plant.POutMpa} MPa");
        Assert.InRange(board.Plant.Snapshot().InletOpening, 0.0, 1e-9);
    }

    [Fact]
    public void ForceSafe_is_idempotent_and_Dispose_does_it_too()
    {
        var board = EverythingOn();

        Assert.True(board.ForceSafe());
        Assert.True(board.ForceSafe());
        board.VentValve.SetOpen(false);
        board.Dispose();

        Assert.False(board.Plant.CoilEnergized(PlantCoil.VentValve));
    }
}
