using HydroOxygen.Hal;
using HydroOxygen.Simulator.Devices;
using HydroOxygen.Simulator.Plant;
using HydroOxygen.Simulator.Tests.Support;

namespace HydroOxygen.Simulator.Tests.Devices;

/// <summary>The board's valves are commanded by what they do to the gas; the coils follow the NO/NC wiring.</summary>
public class BoardValveMappingTests
{
    private readonly SimulatedBoard _board = SimulatedBoard.Create(PlantTestExtensions.Quiet, seed: 1, new VirtualClock());

    [Fact]
    public void Closing_the_normally_open_vent_energizes_its_coil()
    {
        _board.VentValve.SetOpen(false);
        Assert.True(_board.Plant.CoilEnergized(PlantCoil.VentValve));

        _board.VentValve.SetOpen(true);
        Assert.False(_board.Plant.CoilEnergized(PlantCoil.VentValve));
        Assert.Equal(ValveNormalPosition.NormallyOpen, _board.VentValve.NormalPosition);
    }

    public static TheoryData<string, PlantCoil> NormallyClosed => new()
    {
        { nameof(SimulatedBoard.OxygenSourceValve), PlantCoil.OxygenSourceValve },
        { nameof(SimulatedBoard.CompressorSourceValve), PlantCoil.CompressorSourceValve },
        { nameof(SimulatedBoard.ChargeValve), PlantCoil.ChargeValve },
        { nameof(SimulatedBoard.SprayValve), PlantCoil.SprayValve },
    };

    [Theory]
    [MemberData(nameof(NormallyClosed))]
    public void Opening_a_normally_closed_valve_energizes_its_own_coil(string name, PlantCoil coil)
    {
        var valve = (ISolenoidValve)typeof(SimulatedBoard).GetProperty(name)!.GetValue(_board)!;

        valve.SetOpen(true);

        Assert.Equal(ValveNormalPosition.NormallyClosed, valve.NormalPosition);
        Assert.True(valve.IsCommandedOpen);
        foreach (var other in Enum.GetValues<PlantCoil>())
        {
            Assert.Equal(other == coil, _board.Plant.CoilEnergized(other));
        }

        valve.SetOpen(false);
        Assert.False(_board.Plant.CoilEnergized(coil));
    }

    [Fact]
    public void Valve_wiring_agrees_with_the_board_description()
    {
        Assert.Equal(BoardDescription.NormalPositionOf(BoardChannel.VentValve), _board.VentValve.NormalPosition);
        Assert.Equal(BoardDescription.NormalPositionOf(BoardChannel.OxygenSourceValve), _board.OxygenSourceValve.NormalPosition);
        Assert.Equal(BoardDescription.NormalPositionOf(BoardChannel.SprayValve), _board.SprayValve.NormalPosition);
    }

    [Fact]
    public void The_compressor_output_drives_the_motor()
    {
        _board.Compressor.Write(true);

        Assert.True(_board.Plant.Compressor.MotorOn);
        Assert.True(_board.Compressor.IsEnergized);
    }

    [Fact]
    public void The_inlet_opening_becomes_the_plant_duty()
    {
        _board.InletValve.SetOpening(0.35);

        Assert.Equal(0.35, _board.Plant.InletDuty);
        Assert.Equal(0.35, _board.InletValve.CommandedOpening);
        Assert.Throws<ArgumentOutOfRangeException>(() => _board.InletValve.SetOpening(1.2));
        Assert.Equal(0.35, _board.Plant.InletDuty);
    }

    [Fact]
    public void Switch_inputs_read_the_plant()
    {
        Assert.False(_board.PowerSwitch.Read());
        Assert.True(_board.LiquidLevel.Read());
        _board.Plant.PowerSwitchOn = true;

        Assert.True(_board.PowerSwitch.Read());
    }

    [Fact]
    public void The_indicator_remembers_its_pattern()
    {
        _board.Indicator.Show(IndicatorPattern.FastPulse);

        Assert.Equal(IndicatorPattern.FastPulse, _board.IndicatorPattern);
    }
}
