using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Service;
using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.ClosedLoop.Tests.Service;

/// <summary>Issue 15, finding 4: the default calibration on an outlet sensor that reads low (−3 %, −20 kPa).</summary>
public sealed class LowReadingCalibrationTests
{
    [Fact]
    public async Task The_default_points_calibrate_a_low_reading_outlet_sensor_without_tripping()
    {
        var bench = new ServiceBench(PlantParameters.Default with { POutGainError = -0.03, POutOffsetMpa = -0.02 });
        var trace = new List<double>();
        var proposal = await bench.Procedures.CalibrateAsync(ServiceProcedures.DefaultCalibrationPoints, new PlantReferenceGauge(bench.Plant), null, CancellationToken.None);
        Assert.True(proposal.Acceptable, string.Join("; ", proposal.Problems));
        var outlet = proposal.Channels.Single(c => c.Channel == HydroOxygen.Controller.Calibration.PressureChannel.POut);
        Assert.True(outlet.WorstAfterMpa < 0.002, $"worst error after {outlet.WorstAfterMpa * 1000:F2} kPa");
        Assert.DoesNotContain(Enum.GetValues<AlarmCode>(), c => bench.Device.Status.Alarms[(int)c].Latched);
        Assert.Equal(DeviceState.Service, bench.Device.Status.State);
        await bench.Procedures.ExitServiceAsync(CancellationToken.None);
        Assert.DoesNotContain(Enum.GetValues<AlarmCode>(), c => bench.Device.Status.Alarms[(int)c].Latched);
    }
}
