using HydroOxygen.Controller.Core;
using Xunit.Abstractions;

namespace HydroOxygen.ClosedLoop.Tests;

/// <summary>
/// On compressor gas the controller cycles the compressor on the source-line pressure it reads
/// through the open air valve: on at the 0.65 MPa cut-in, off at the 0.80 MPa cut-out
/// (DESIGN §1.3). The plant's compressor has no switch of its own, so this is the only hysteresis.
/// </summary>
public class CompressorHysteresisTests(ITestOutputHelper output)
{
    [Fact]
    public void While_spraying_the_compressor_cycles_between_cut_in_and_cut_out()
    {
        var device = new Device(Device.Starting("cleanse", GasSource.Compressor)).PowerOnAndCharge(limitS: 60.0);
        var sprayFrom = device.Time;
        var lowestTank = double.MaxValue;
        var highestTank = double.MinValue;
        var switchedOn = new List<double>();
        var switchedOff = new List<double>();
        var wasOn = device.Last.CompressorOn;

        device.Pedal(true);
        device.Runner.RunUntil(sprayFrom + 90.0, sample =>
        {
            var tank = device.Runner.Plant.PTankMpa;
            if (switchedOff.Count > 0)
            {
                // From the first cut-out on: before it the tank is still filling from empty.
                lowestTank = Math.Min(lowestTank, tank);
                highestTank = Math.Max(highestTank, tank);
            }

            if (sample.CompressorOn != wasOn)
            {
                (sample.CompressorOn ? switchedOn : switchedOff).Add(sample.PSrcMpa);
                output.WriteLine($"{sample.TimeS,7:F3} s compressor {(sample.CompressorOn ? "on " : "off")} at P_src {sample.PSrcMpa:F4} MPa read, tank {tank:F4} MPa true ({sample.State})");
                wasOn = sample.CompressorOn;
            }

            if (sample.TimeS > sprayFrom + 0.5)
            {
                Assert.Equal(DeviceState.Spraying, sample.State); // past the pedal's debounce
            }
        });

        output.WriteLine($"tank {lowestTank:F4}–{highestTank:F4} MPa over {switchedOn.Count} cycles");

        // ~13 L/min out through the nozzle against 20 L/min in: several cycles in 90 s.
        Assert.True(switchedOn.Count >= 3, $"only {switchedOn.Count} cut-ins in 90 s of spraying");
        Assert.True(switchedOff.Count >= 3, $"only {switchedOff.Count} cut-outs in 90 s of spraying");

        // Switched on the tick the reading reached the threshold: the line falls ~0.1 kPa per tick
        // and the reading carries ~1 kPa RMS noise, so within 5 kPa of it.
        Assert.All(switchedOn, reading => Assert.InRange(reading, 0.645, 0.650));
        Assert.All(switchedOff, reading => Assert.InRange(reading, 0.800, 0.805));

        // The true tank stays within the band give or take the motor's 200 ms spin-up and spin-down
        // (~0.01 MPa of tank at 20 L/min into 0.5 L) and the few kPa across the air valve.
        Assert.InRange(lowestTank, 0.62, 0.65);
        Assert.InRange(highestTank, 0.80, 0.83);
    }
}
