using HydroOxygen.Controller.Calibration;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Service;
using HydroOxygen.Simulator.Plant;
using Xunit.Abstractions;

namespace HydroOxygen.ClosedLoop.Tests.Service;

public class CalibrationTests(ITestOutputHelper output)
{
    private static readonly PlantParameters Miscalibrated = PlantParameters.Default with
    {
        POutGainError = 0.03,
        POutOffsetMpa = 0.02,
        PBottleGainError = -0.02,
        PBottleOffsetMpa = -0.01,
    };

    [Fact]
    public async Task A_sensor_with_3_percent_gain_and_20_kPa_offset_error_is_calibrated_to_within_3_kPa_across_the_range()
    {
        var bench = new ServiceBench(Miscalibrated);

        // The zero error alone is beyond the self-test's limit: the device refuses Ready.
        bench.Runner.RunUntil(bench.Runner.Time + 10.0);
        Assert.Equal(DeviceState.Fault, bench.Runner.Sample().State);
        Assert.True(bench.Runner.Sample().HasAlarm(AlarmCode.CalibrationInvalid));

        var proposal = await bench.Procedures.CalibrateAsync(
            ServiceProcedures.DefaultCalibrationPoints, new PlantReferenceGauge(bench.Plant), null, CancellationToken.None);
        foreach (var channel in proposal.Channels)
        {
            output.WriteLine($"{channel.Channel}: gain {channel.Gain:F4}, offset {channel.OffsetMpa * 1000:F1} kPa; worst error before {channel.WorstBeforeMpa * 1000:F1} kPa, after {channel.WorstAfterMpa * 1000:F2} kPa");
        }

        Assert.True(proposal.Acceptable, string.Join("; ", proposal.Problems));
        var outlet = proposal.Channels.Single(c => c.Channel == PressureChannel.POut);
        Assert.InRange(outlet.WorstBeforeMpa, 0.030, 0.045); // 3 % of ~0.57 MPa plus 20 kPa
        Assert.InRange(outlet.WorstAfterMpa, 0.0, 0.001);

        using var scratch = new TemporaryDirectory("hydroxy-cal-");
        var directory = scratch.Path;
        var stored = bench.Procedures.CommitCalibration(proposal, "tester", new CalibrationStore(directory));
        Assert.Equal(1, stored.Revision);
        bench.BackToReady(0.30);

        // Judged where it matters: the regulated, calibrated readings against the plant's true pressures.
        foreach (var setpoint in new[] { 0.30, 0.45, 0.60 })
        {
            var (outletError, bottleError) = bench.MeasurementError(setpoint);
            output.WriteLine($"at {setpoint:F2} MPa: P_out error {outletError * 1000:F2} kPa, P_bottle error {bottleError * 1000:F2} kPa");
            Assert.InRange(outletError, -0.003, 0.003);
            Assert.InRange(bottleError, -0.003, 0.003);
        }
    }

    [Fact]
    public void Before_calibration_the_same_sensor_reads_far_outside_3_kPa()
    {
        // The baseline the calibration is measured against: nominal coefficients on the same plant
        // (its zero error allowed through, so that it can regulate at all).
        var bench = new ServiceBench(Miscalibrated, ControllerSettings.Default with
        {
            Sequence = ControllerSettings.Default.Sequence with { SelfTestZeroToleranceMpa = 0.05 },
        });
        bench.Runner.Command(ControlCommand.SelectProgram(bench.Runner.Core.ProgramIndex("custom")));
        var (error, _) = bench.MeasurementError(0.45);
        output.WriteLine($"uncalibrated P_out error at 0.45 MPa: {error * 1000:F1} kPa");
        Assert.True(error > 0.025, $"expected the +3 % / +20 kPa error, got {error * 1000:F1} kPa");
    }

    [Fact]
    public async Task An_implausible_calibration_is_refused_and_nothing_is_stored()
    {
        var bench = new ServiceBench(PlantParameters.Default with { POutGainError = 0.25 }, ControllerSettings.Default with
        {
            Sequence = ControllerSettings.Default.Sequence with { SelfTestZeroToleranceMpa = 0.05 },
        });
        var proposal = await bench.Procedures.CalibrateAsync([0.45, 0.30, 0.0], new PlantReferenceGauge(bench.Plant), null, CancellationToken.None);
        var outlet = proposal.Channels.Single(c => c.Channel == PressureChannel.POut);
        var problem = ServiceWords.Calibration(outlet.Problem!).ToString();
        output.WriteLine(problem);
        Assert.False(proposal.Acceptable);
        Assert.Contains("gain", problem, StringComparison.Ordinal);

        using var scratch = new TemporaryDirectory("hydroxy-cal-");
        var directory = scratch.Path;
        var ex = Assert.Throws<ServiceException>(() => bench.Procedures.CommitCalibration(proposal, "tester", new CalibrationStore(directory)));
        Assert.Contains("not stored", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(directory, CalibrationStore.FileName)));
    }
}
