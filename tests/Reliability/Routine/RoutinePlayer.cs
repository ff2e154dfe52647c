using System.Globalization;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Simulation;
using HydroOxygen.Reliability.Monitoring;
using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.Reliability.Routine;

/// <summary>
/// Plays a routine sequence against the real control core and a healthy simulated plant with ample
/// supply, and judges DESIGN §2.5's rules of routine use on every tick: no High or Medium alarm, never
/// <c>Fault</c>, no choice refused for a passing state, no mist without the pedal (with the other
/// invariants of <see cref="SafetyMonitor"/>); then ends it as the operating guide does (foot off,
/// switch off) and requires <c>Off</c> with manifold and bottle truly below 0.02 MPa.
/// </summary>
public static class RoutinePlayer
{
    /// <summary>Vented: both volumes below this, in the plant's truth (DESIGN §1.1).</summary>
    public const double VentedMpa = 0.02;

    /// <summary>
    /// How long the final power-down may take: the shutdown sequencer's own limit, its confirmation,
    /// and a second of margin. A healthy plant vents in a few seconds.
    /// </summary>
    public static double ShutdownBoundS(ControllerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Sequence.ShutdownTimeoutS + settings.Sequence.ShutdownConfirmS + 1.0;
    }

    /// <summary>A healthy plant with ample supply: a cylinder that lasts all day, the sequence's transducer noise.</summary>
    public static PlantParameters Plant(RoutineSequence sequence)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        return PlantParameters.Default with { SensorNoiseKpa = sequence.SensorNoiseKpa, CylinderContentsL = 6000.0 };
    }

    /// <param name="watch">Sees every tick's row and every event of the controller (a replay's trace and log); null for none.</param>
    public static RoutineOutcome Play(RoutineSequence sequence, SimulatedBackend backend = SimulatedBackend.Models, IRoutineWatcher? watch = null)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        var settings = ControllerSettings.Default;
        var runner = new SimulationRunner(settings, Plant(sequence), sequence.Seed, backend: backend);
        var judge = new Judge(runner, watch);
        foreach (var action in sequence.Actions)
        {
            Apply(runner, action, judge);
            runner.RunUntil(runner.Time + action.PauseS, judge.Observe);
        }

        return PowerDown(runner, judge);
    }

    private static void Apply(SimulationRunner runner, RoutineAction action, Judge judge)
    {
        switch (action.Kind)
        {
            case RoutineActionKind.Wait:
                break;
            case RoutineActionKind.PowerOn:
                runner.PowerSwitch(true);
                break;
            case RoutineActionKind.PowerOff:
                runner.PowerSwitch(false);
                break;
            case RoutineActionKind.PowerCycle:
                runner.PowerSwitch(false);
                runner.RunUntil(runner.Time + action.Value, judge.Observe);
                runner.PowerSwitch(true);
                break;
            case RoutineActionKind.Shutdown:
                runner.Command(ControlCommand.Shutdown());
                break;
            case RoutineActionKind.SelectSource:
                runner.Command(ControlCommand.SelectSource(action.Source));
                break;
            case RoutineActionKind.SelectProgram:
                runner.Command(ControlCommand.SelectProgram(action.Program));
                break;
            case RoutineActionKind.SetPressure:
            {
                var (min, max) = Range(runner);
                runner.Command(ControlCommand.SetSetpoint(Round(min + (action.Value * (max - min)))));
                break;
            }

            case RoutineActionKind.NudgePressure:
            {
                // From the setpoint the technician sees, in 5 kPa steps, never past the ends of the
                // program's range: the knob stops there.
                var (min, max) = Range(runner);
                var from = runner.Core.Status.SetpointMpa;
                runner.Command(ControlCommand.SetSetpoint(Math.Clamp(Round(from + (action.Steps * RoutineAction.StepMpa)), min, max)));
                break;
            }

            case RoutineActionKind.PedalDown:
                runner.Pedal(true);
                break;
            case RoutineActionKind.PedalUp:
                runner.Pedal(false);
                break;
            case RoutineActionKind.PedalTap:
                runner.Pedal(true);
                runner.RunUntil(runner.Time + action.Value, judge.Observe);
                runner.Pedal(false);
                break;
            case RoutineActionKind.AcknowledgeAlarms:
                runner.Command(ControlCommand.AcknowledgeAlarms());
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(action), action.Kind, "not a routine action");
        }
    }

    /// <summary>The setpoints the selected program allows, as the screen offers them.</summary>
    private static (double Min, double Max) Range(SimulationRunner runner)
    {
        var programs = runner.Core.Programs;
        var index = runner.Core.Status.ProgramIndex;
        var ceiling = (uint)index < (uint)programs.Count ? programs[index].CeilingMpa : PressureLimits.MaxSetpointMpa;
        return (PressureLimits.MinSetpointMpa, Math.Min(ceiling, PressureLimits.MaxSetpointMpa));
    }

    private static double Round(double mpa) => Math.Round(mpa / RoutineAction.StepMpa) * RoutineAction.StepMpa;

    private static RoutineOutcome PowerDown(SimulationRunner runner, Judge judge)
    {
        var inv = CultureInfo.InvariantCulture;
        runner.Pedal(false);
        runner.PowerSwitch(false);
        var started = runner.Time;
        var deadline = started + ShutdownBoundS(runner.Settings);
        TraceSample sample;
        do
        {
            sample = runner.Tick();
            judge.Observe(sample);
        }
        while (sample.State != DeviceState.Off && runner.Time < deadline);

        if (sample.State != DeviceState.Off)
        {
            throw new RoutineViolationException("the ending is Off with manifold and bottle vented", sample.TimeS,
                string.Create(inv, $"still {sample.State} {runner.Time - started:0.0} s after the switch went off; true P_out {sample.POutTrueMpa:0.0000}, P_bottle {sample.PBottleTrueMpa:0.0000} MPa"));
        }

        if (!(sample.POutTrueMpa < VentedMpa && sample.PBottleTrueMpa < VentedMpa))
        {
            throw new RoutineViolationException("the ending is Off with manifold and bottle vented", sample.TimeS,
                string.Create(inv, $"Off with true P_out {sample.POutTrueMpa:0.0000} MPa, P_bottle {sample.PBottleTrueMpa:0.0000} MPa"));
        }

        return judge.Outcome(runner.Ticks, runner.Time, runner.Time - started);
    }

    /// <summary>The per-tick rules, over the trace and the controller's own event log.</summary>
    private sealed class Judge(SimulationRunner runner, IRoutineWatcher? watch)
    {
        private readonly SafetyMonitor _monitor = new(runner);
        private AlarmPriority? _worst;
        private int _sprays;
        private int _refusals;
        private bool _spraying;
        private double _peakHose;
        private readonly HashSet<AlarmCode> _raised = [];

        public void Observe(TraceSample sample)
        {
            var inv = CultureInfo.InvariantCulture;
            watch?.Tick(in sample);
            _monitor.Observe(in sample);
            if (_monitor.ViolationCount > 0)
            {
                var violation = _monitor.Violations[0];
                throw new RoutineViolationException(violation.Kind.ToString(), violation.TimeS, violation.Detail);
            }

            _peakHose = Math.Max(_peakHose, sample.PHoseTrueMpa);
            if (sample.State == DeviceState.Spraying && !_spraying)
            {
                _sprays++;
            }

            _spraying = sample.State == DeviceState.Spraying;
            if (sample.State == DeviceState.Fault)
            {
                throw new RoutineViolationException("routine use never enters Fault", sample.TimeS, $"Fault with alarms {Alarms(sample)}");
            }

            while (runner.Events.TryRead(out var e))
            {
                watch?.Event(in e);
                switch (e.Kind)
                {
                    case ControlEventKind.AlarmRaised:
                        var priority = AlarmCatalog.PriorityOf(e.Alarm);
                        _raised.Add(e.Alarm);
                        if (_worst is null || priority > _worst)
                        {
                            _worst = priority;
                        }

                        if (priority >= AlarmPriority.Medium)
                        {
                            throw new RoutineViolationException("routine use never raises a High or Medium alarm", e.Time,
                                string.Create(inv, $"{e.Alarm} ({priority}) raised, value {e.Value:0.####}, in {sample.State}"));
                        }

                        break;
                    case ControlEventKind.CommandRejected when IsChoice(e.Command.Kind):
                        if (e.Outcome == CommandOutcome.NotAllowedInState && !MayRefuseIn(e.From))
                        {
                            throw new RoutineViolationException("a routine choice is never refused for a passing state", e.Time,
                                $"{e.Command.Kind} refused in {e.From}");
                        }

                        _refusals++;
                        break;
                }
            }
        }

        public RoutineOutcome Outcome(long ticks, double simulatedS, double shutdownS) =>
            new(ticks, simulatedS, _worst, _monitor.PeakPOutTrueMpa, _monitor.PeakPBottleTrueMpa, _peakHose, _sprays, _refusals, shutdownS, _raised);

        private static bool IsChoice(CommandKind kind) =>
            kind is CommandKind.SetSetpoint or CommandKind.SelectProgram or CommandKind.SelectSource;

        /// <summary>
        /// Where a refusal has a real reason: the technician is spraying (the pedal is down), the device
        /// is shutting down or off, or an engineer has it.
        /// </summary>
        private static bool MayRefuseIn(DeviceState state) =>
            state is DeviceState.Spraying or DeviceState.ShuttingDown or DeviceState.Off or DeviceState.Service;

        private static string Alarms(TraceSample sample) =>
            string.Join(";", Enum.GetValues<AlarmCode>().Where(sample.HasAlarm));
    }
}
