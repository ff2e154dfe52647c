using HydroOxygen.Controller.Calibration;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Service;
using HydroOxygen.Controller.Simulation;
using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.ClosedLoop.Tests.Service;

/// <summary>
/// Issue 5: a missing or corrupt calibration file is detected at start and reported, and the device
/// does not spray on it. The real start-up path (<see cref="StoredSetup.Load"/> reading the data
/// directory) feeds the real control loop, run against the simulated plant in virtual time.
/// </summary>
public sealed class StoredCalibrationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("hydroxy-stored-calibration-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public static TheoryData<string> Damage => ["missing", "checksum mismatch", "truncated"];

    [Theory]
    [MemberData(nameof(Damage))]
    public void Without_a_sound_calibration_file_the_device_never_gets_Ready_and_a_pedal_press_never_sprays(string damage)
    {
        var store = new CalibrationStore(_directory);
        if (damage != "missing")
        {
            // A good calibration on disk, then damaged as a failing card or a hand edit would.
            var channel = new ChannelRecord { Gain = 1.0, OffsetMpa = 0.0, CalibratedAt = DateTimeOffset.UnixEpoch, Engineer = "alice" };
            store.Save(null, new Dictionary<PressureChannel, ChannelRecord> { [PressureChannel.POut] = channel, [PressureChannel.PBottle] = channel, [PressureChannel.PSrc] = channel }, DateTimeOffset.UnixEpoch);
            Assert.True(store.Load().IsOk);
            var text = File.ReadAllText(store.Path);
            File.WriteAllText(store.Path, damage == "truncated" ? text[..(text.Length / 2)] : text.Replace("alice", "alicf", StringComparison.Ordinal));
            Assert.False(store.Load().IsOk);
        }

        // The simulator's transducers, and still no excuse: AllowNominalCalibrationWhenMissing is off.
        var setup = StoredSetup.Load(new ServiceOptions { Directory = _directory }, ControllerSettings.Default, _directory, simulatedTransducers: true);
        var error = Assert.Single(setup.Findings, f => f.Severity == SetupSeverity.Error);
        Assert.Contains(store.Path, error.Message, StringComparison.Ordinal);
        Assert.Contains("will not spray", error.Message, StringComparison.Ordinal);
        Assert.False(setup.Calibration.Valid);

        var runner = new SimulationRunner(setup.Settings, PlantParameters.Default, seed: 3, calibration: setup.Calibration);
        var states = new HashSet<DeviceState>();
        var sprayed = false;
        void Watch(TraceSample s)
        {
            states.Add(s.State);
            sprayed |= s.SprayOpen || s.SprayValveOpenTrue;
        }

        runner.PowerSwitch(true);
        runner.RunUntil(10.0, Watch);
        Assert.Equal(DeviceState.Fault, runner.Sample().State);
        Assert.True(runner.Sample().HasAlarm(AlarmCode.CalibrationInvalid));

        // The technician acknowledges and presses the pedal anyway, several times.
        for (var press = 0; press < 3; press++)
        {
            runner.Command(ControlCommand.AcknowledgeAlarms());
            runner.RunUntil(runner.Time + 2.0, Watch);
            runner.Pedal(true);
            runner.RunUntil(runner.Time + 2.0, Watch);
            runner.Pedal(false);
        }

        runner.RunUntil(runner.Time + 5.0, Watch);
        Assert.DoesNotContain(DeviceState.Ready, states);
        Assert.DoesNotContain(DeviceState.Spraying, states);
        Assert.False(sprayed);
        Assert.Equal(DeviceState.Fault, runner.Sample().State);
        Assert.True(runner.Sample().HasAlarm(AlarmCode.CalibrationInvalid));
    }
}
