using HydroOxygen.Controller.Core;
using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.ClosedLoop.Tests;

/// <summary>
/// The source line may move fast while it primes behind a valve that just opened — filling from a
/// higher source, or emptying into a lower one — but only one way at a time: a quick move against
/// the way it primes is a transducer, not gas.
/// </summary>
public class SourceLinePrimingTests
{
    private static readonly SafetySettings Safety = ControllerSettings.Default.Safety;

    [Fact]
    public void Switching_the_gas_source_primes_the_line_down_and_up_without_a_sensor_or_compressor_fault()
    {
        var device = new Device(Device.Starting("cleanse")).PowerOnAndCharge();
        var switched = device.Time;

        // Past the compressor's first rise check: the line emptying into the tank is no dead compressor.
        var onCompressorS = ControllerSettings.Default.Supply.CompressorStartCheckS + 1.0;
        device.Command(ControlCommand.SelectSource(GasSource.Compressor)).Run(onCompressorS);
        var toCompressor = FastestChange(device, switched, switched + Safety.SourcePrimeWindowS);
        device.Command(ControlCommand.SelectSource(GasSource.Oxygen)).Run(3.0);
        var toOxygen = FastestChange(device, switched + onCompressorS, switched + onCompressorS + Safety.SourcePrimeWindowS);

        // Both ways faster than a steady line may move: the priming allowance is what is being tested.
        Assert.True(toCompressor < -Safety.SteadySourceSensorMaxSlewMpaPerS, $"fastest fall into the compressor's tank {toCompressor:0.0} MPa/s");
        Assert.True(toOxygen > Safety.SteadySourceSensorMaxSlewMpaPerS, $"fastest rise back to the cylinder {toOxygen:0.0} MPa/s");
        Assert.DoesNotContain(device.Trace, s => s.HasAlarm(AlarmCode.SensorFault) || s.HasAlarm(AlarmCode.CompressorFault));
        Assert.Equal(DeviceState.Ready, device.Last.State);
    }

    [Fact]
    public void A_transducer_step_down_while_the_line_fills_is_a_sensor_fault()
    {
        var device = new Device(Device.Starting("acne")).PowerOn();
        device.RunUntilState(DeviceState.Pressurizing, 5.0).Run(0.05);

        device.Inject(FaultKind.SensorDrift, FaultTarget.PSrc, -0.15).Run(0.05);

        Assert.True(device.Last.HasAlarm(AlarmCode.SensorFault), Device.Alarms(device.Last));
        Assert.Equal(DeviceState.Fault, device.Last.State);
    }

    [Fact]
    public void A_manifold_running_away_while_a_new_source_primes_trips_well_below_the_relief_valve()
    {
        // Found by the property tests: on compressor gas a stuck inlet lets the manifold creep up with
        // the tank; switching to oxygen then drives it up at ~5 MPa/s. The regulator's priming hold
        // used to follow that rise with its reference, blinding the runaway check until the plain
        // trip at 0.65 MPa, and the manifold peaked at 0.703 MPa — past the relief valve.
        var device = new Device(Device.Starting("cleanse")).PowerOnAndCharge();
        device.Command(ControlCommand.SelectSource(GasSource.Compressor)).Run(4.0);
        device.Inject(FaultKind.InletStuckOpen).Run(2.6);
        var switched = device.Time;

        device.Command(ControlCommand.SelectSource(GasSource.Oxygen)).Run(1.0);

        var tripped = device.Trace.First(s => s.HasAlarm(AlarmCode.OverPressure));
        Assert.Equal(DeviceState.Fault, device.Last.State);
        Assert.InRange(tripped.TimeS - switched, 0.0, 0.05);
        var peak = device.Between(switched, device.Time).Max(s => s.POutTrueMpa);
        Assert.True(peak < PressureLimits.ReliefValveMpa - 0.05, $"peak true P_out {peak:0.0000} MPa");
    }

    /// <summary>The fastest change of the P_src reading between two of its conversions, MPa/s (signed).</summary>
    private static double FastestChange(Device device, double from, double to)
    {
        var samples = device.Between(from, to).ToList();
        var fastest = 0.0;
        var (lastTime, lastValue) = (samples[0].TimeS, samples[0].PSrcMpa);
        foreach (var sample in samples.Skip(1).Where(s => s.PSrcMpa != lastValue))
        {
            var rate = (sample.PSrcMpa - lastValue) / (sample.TimeS - lastTime);
            fastest = Math.Abs(rate) > Math.Abs(fastest) ? rate : fastest;
            (lastTime, lastValue) = (sample.TimeS, sample.PSrcMpa);
        }

        return fastest;
    }
}
