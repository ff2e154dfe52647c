using HydroOxygen.Hal;
using HydroOxygen.Simulator.Devices;
using HydroOxygen.Simulator.Plant;
using HydroOxygen.Simulator.Tests.Support;

namespace HydroOxygen.Simulator.Tests.Faults;

/// <summary>adc_nack: the converters stop acknowledging on the bus, which the transducers report as a converter fault.</summary>
public class AdcNackFaultTests
{
    private static (SimulatedBoard Board, VirtualClock Clock) Board()
    {
        var clock = new VirtualClock();
        var board = new SimulatedBoard(new SprayPlant(PlantTestExtensions.Quiet with { InitialBottleMpa = 0.3 }), clock);
        clock.Advance(TimeSpan.FromMilliseconds(20));
        board.BeginTick(clock.GetTimestamp());
        return (board, clock);
    }

    [Fact]
    public void Nack_on_all_converters_makes_every_pressure_read_a_converter_fault()
    {
        var (board, _) = Board();
        Assert.True(board.OutletPressure.Read().IsOk);

        board.Plant.Inject(new FaultSpec(FaultKind.AdcNack));

        Assert.Equal(SensorStatus.ConverterFault, board.OutletPressure.Read().Status);
        Assert.Equal(SensorStatus.ConverterFault, board.BottlePressure.Read().Status);
        Assert.Equal(SensorStatus.ConverterFault, board.SourcePressure.Read().Status);

        Assert.True(board.Plant.Clear(FaultKind.AdcNack));
        Assert.True(board.OutletPressure.Read().IsOk);
        Assert.Equal(0.3, board.BottlePressure.Read().Pressure.Megapascals, 1e-3);
    }

    [Fact]
    public void Underneath_the_converter_reports_a_bus_error()
    {
        var plant = new SprayPlant(PlantTestExtensions.Quiet);
        plant.RunFor(0.02);
        var channel = new SimulatedAdcChannel(plant, SensorChannel.POut, 860, 0, 1, () => plant.OutletAdcNack, s => (long)(s * 1e7));
        Assert.Equal(AnalogStatus.Ok, channel.Read().Status);

        plant.Inject(new FaultSpec(FaultKind.AdcNack, FaultTarget.POut));
        var sample = channel.Read();

        Assert.Equal(AnalogStatus.BusError, sample.Status);
        Assert.True(double.IsNaN(sample.Volts));
    }

    [Fact]
    public void Nack_on_the_outlet_converter_leaves_the_multiplexed_one_working()
    {
        var (board, _) = Board();

        board.Plant.Inject(new FaultSpec(FaultKind.AdcNack, FaultTarget.POut));

        Assert.True(board.Plant.OutletAdcNack);
        Assert.False(board.Plant.MultiplexedAdcNack);
        Assert.Equal(SensorStatus.ConverterFault, board.OutletPressure.Read().Status);
        Assert.True(board.BottlePressure.Read().IsOk);
        Assert.True(board.SourcePressure.Read().IsOk);
    }

    [Fact]
    public void Nack_on_a_multiplexed_channel_takes_its_shared_converter_down()
    {
        // P_bottle and P_src share one ADS1115: a bus fault there loses both.
        var (board, _) = Board();

        board.Plant.Inject(new FaultSpec(FaultKind.AdcNack, FaultTarget.PBottle));

        Assert.True(board.OutletPressure.Read().IsOk);
        Assert.Equal(SensorStatus.ConverterFault, board.BottlePressure.Read().Status);
        Assert.Equal(SensorStatus.ConverterFault, board.SourcePressure.Read().Status);
    }
}
