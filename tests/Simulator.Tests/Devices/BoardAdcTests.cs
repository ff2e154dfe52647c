using HydroOxygen.Hal;
using HydroOxygen.Simulator.Devices;
using HydroOxygen.Simulator.Plant;
using HydroOxygen.Simulator.Tests.Support;
using Xunit.Abstractions;

namespace HydroOxygen.Simulator.Tests.Devices;

/// <summary>
/// The simulated ADS1115s: P_out alone at 860 SPS, P_bottle and P_src sharing a second converter
/// (430 SPS each), quantised to the ±6.144 V range's LSB.
/// </summary>
public class BoardAdcTests(ITestOutputHelper output)
{
    private const double Lsb = 6.144 / 32768;
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(2);

    private static void RunTicks(SimulatedBoard board, VirtualClock clock, int ticks, Action? eachTick = null)
    {
        for (var k = 0; k < ticks; k++)
        {
            clock.Advance(Tick);
            board.BeginTick(clock.GetTimestamp());
            eachTick?.Invoke();
        }
    }

    [Fact]
    public void Conversions_arrive_at_860_per_second_on_the_outlet_and_430_on_each_multiplexed_channel()
    {
        var clock = new VirtualClock();
        using var board = SimulatedBoard.Create(PlantTestExtensions.Quiet, seed: 1, clock);
        RunTicks(board, clock, 500);
        var outlet0 = board.OutletPressure.Read().Sequence;
        var bottle0 = board.BottlePressure.Read().Sequence;
        var source0 = board.SourcePressure.Read().Sequence;

        RunTicks(board, clock, 1_000);

        var outlet = (board.OutletPressure.Read().Sequence - outlet0) / 2.0;
        var bottle = (board.BottlePressure.Read().Sequence - bottle0) / 2.0;
        var source = (board.SourcePressure.Read().Sequence - source0) / 2.0;
        output.WriteLine($"per second: P_out {outlet}, P_bottle {bottle}, P_src {source}");
        Assert.InRange(outlet, 859, 861);
        Assert.InRange(bottle, 429, 431);
        Assert.InRange(source, 429, 431);
    }

    [Fact]
    public void Every_fresh_sequence_number_is_seen_when_read_faster_than_conversions_complete()
    {
        // At 500 Hz the loop sees a new P_bottle every tick (430 SPS) and sometimes skips a P_out (860 SPS).
        var clock = new VirtualClock();
        using var board = SimulatedBoard.Create(PlantTestExtensions.Quiet, seed: 1, clock);
        var bottle = new List<long>();
        var outlet = new List<long>();

        RunTicks(board, clock, 500, () =>
        {
            bottle.Add(board.BottlePressure.Read().Sequence);
            outlet.Add(board.OutletPressure.Read().Sequence);
        });

        Assert.All(bottle.Zip(bottle.Skip(1)), pair => Assert.InRange(pair.Second - pair.First, 0, 1));
        Assert.All(outlet.Zip(outlet.Skip(1)), pair => Assert.InRange(pair.Second - pair.First, 1, 2));
        Assert.Equal(860, outlet[^1]);
        Assert.Equal(430, bottle[^1]);
    }

    [Fact]
    public void Sample_timestamps_are_when_the_conversion_completed()
    {
        var clock = new VirtualClock();
        using var board = SimulatedBoard.Create(PlantTestExtensions.Quiet, seed: 1, clock);
        RunTicks(board, clock, 37);

        var now = clock.GetTimestamp();
        var reading = board.OutletPressure.Read();

        Assert.InRange(now - reading.Timestamp, 0, clock.TimestampFrequency / 860);
        Assert.Equal((long)(reading.Sequence / 860.0 * clock.TimestampFrequency), reading.Timestamp, 1.0);
    }

    [Fact]
    public void Before_the_first_conversion_the_reading_is_a_converter_fault()
    {
        var clock = new VirtualClock();
        using var board = SimulatedBoard.Create(PlantTestExtensions.Quiet, seed: 1, clock);

        var reading = board.OutletPressure.Read();

        Assert.Equal(SensorStatus.ConverterFault, reading.Status);
        Assert.Equal(0, reading.Sequence);
    }

    [Fact]
    public void Readings_are_quantised_to_the_converter_lsb_and_convert_to_the_true_pressure()
    {
        // With the default 1 kPa RMS noise on.
        var clock = new VirtualClock();
        using var board = SimulatedBoard.Create(PlantParameters.Default with { InitialBottleMpa = 0.45 }, seed: 3, clock);
        var worstKpa = 0.0;
        var sumKpa = 0.0;
        var count = 0;
        RunTicks(board, clock, 5);

        RunTicks(board, clock, 1_000, () =>
        {
            foreach (var (sensor, truth) in new[]
            {
                (board.OutletPressure, board.Plant.POutMpa),
                (board.BottlePressure, board.Plant.PBottleMpa),
                (board.SourcePressure, board.Plant.PSrcMpa),
            })
            {
                var reading = sensor.Read();
                Assert.True(reading.IsOk);
                var codes = reading.Volts / Lsb;
                Assert.Equal(Math.Round(codes), codes, 1e-6);
                var errorKpa = (reading.Pressure.Megapascals - truth) * 1e3;
                worstKpa = Math.Max(worstKpa, Math.Abs(errorKpa));
                sumKpa += errorKpa;
                count++;
            }
        });

        output.WriteLine($"{count} readings: worst {worstKpa:F2} kPa, mean {sumKpa / count:F3} kPa");
        Assert.True(worstKpa < 5.0, $"worst error {worstKpa} kPa");
        Assert.True(Math.Abs(sumKpa / count) < 0.2);
    }

    [Fact]
    public void Without_noise_the_only_error_is_half_an_lsb()
    {
        var clock = new VirtualClock();
        using var board = SimulatedBoard.Create(PlantTestExtensions.Quiet with { InitialBottleMpa = 0.45 }, seed: 3, clock);
        RunTicks(board, clock, 10);

        var reading = board.BottlePressure.Read();

        // Half an LSB of 0.1875 mV is 0.023 kPa at 4 V/MPa.
        Assert.Equal(0.45, reading.Pressure.Megapascals, Lsb / 2 / 4.0 + 1e-12);
    }

    [Fact]
    public void Reading_twice_within_one_conversion_returns_the_same_sample()
    {
        var clock = new VirtualClock();
        using var board = SimulatedBoard.Create(PlantParameters.Default with { InitialBottleMpa = 0.45 }, seed: 3, clock);
        RunTicks(board, clock, 10);

        Assert.Equal(board.BottlePressure.Read(), board.BottlePressure.Read());
    }
}
