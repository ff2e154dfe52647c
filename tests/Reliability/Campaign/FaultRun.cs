using System.Globalization;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Simulation;
using HydroOxygen.Reliability.Monitoring;
using HydroOxygen.Reliability.Operation;
using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.Reliability.Campaign;

/// <summary>
/// One generated closed-loop run: the real controller against the default plant in virtual time,
/// brought into a state the way a technician would, a fault injected there, the technician carrying
/// on as they were, and every tick judged by the <see cref="SafetyMonitor"/> and the fault's
/// <see cref="Expectation"/>.
/// </summary>
/// <remarks>
/// What the technician does after the fault is fixed per state, so that a fault that only shows
/// under a draw (a clogged nozzle, a dead inlet) is given one: before spraying (Pressurizing,
/// Charging, Ready) they press the pedal for a burst <see cref="BurstAtS"/> after the fault; while
/// spraying they keep the pedal down until <see cref="ReleaseAtS"/>; while shutting down they do
/// nothing (the switch stays off).
/// </remarks>
public static class FaultRun
{
    public const double BurstAtS = 5.0;
    public const double BurstS = 4.0;
    public const double ReleaseAtS = 4.0;

    /// <summary>After the bound, the run goes on this long to see that the reaction holds (Fault latched, Off stays off).</summary>
    public const double HoldS = 1.5;

    /// <summary>The shortest observation after the fault: long enough for the technician's burst.</summary>
    public const double MinimumWindowS = BurstAtS + BurstS + 2.0;

    private const double SetupLimitS = 90.0;

    /// <summary>The states the campaign injects in, in the order a session passes through them.</summary>
    /// <remarks><see cref="DeviceState.SelfTest"/> stands for "at power-on": the fault is there before the switch is turned on.</remarks>
    public static IReadOnlyList<DeviceState> States { get; } =
        [DeviceState.SelfTest, DeviceState.Pressurizing, DeviceState.Charging, DeviceState.Ready, DeviceState.Spraying, DeviceState.ShuttingDown];

    /// <summary>The eye program: the aftermath <see cref="Aftermath.ProgramChangeToEye"/> changes to it.</summary>
    public const string LowerCeilingProgram = "eye";

    /// <summary>The program change comes this soon after the fault, before most faults have been seen.</summary>
    public const double ProgramChangeAtS = 0.3;

    /// <summary>The eye ceiling must hold in the hose from this long after the change (the manifold is vented down by then).</summary>
    public const double CeilingHoldsAfterS = 0.5;

    public static CampaignRow Execute(FaultCase fault, DeviceState state, SimulatedBackend backend = SimulatedBackend.Models, int seed = 1) =>
        Execute(fault, state, Aftermath.None, backend, seed);

    /// <summary>
    /// One run: the fault injected in <paramref name="state"/>, or for an <paramref name="aftermath"/> in
    /// Ready and followed by it (a change to the eye program, or an ending once the fault's reaction is
    /// complete).
    /// </summary>
    public static CampaignRow Execute(FaultCase fault, DeviceState state, Aftermath aftermath, SimulatedBackend backend = SimulatedBackend.Models, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(fault);
        if (aftermath != Aftermath.None)
        {
            state = DeviceState.Ready;
        }

        var expected = aftermath == Aftermath.None ? fault.In(state) : fault.After(aftermath);
        if (expected.Skipped)
        {
            return new CampaignRow { Case = fault, State = state, Aftermath = aftermath, Backend = backend };
        }

        var runner = new SimulationRunner(SettingsFor(fault), PlantParameters.Default, seed, backend: backend);
        var monitor = new SafetyMonitor(runner);
        var alarms = new AlarmLog(runner.Events);
        var failures = new List<string>();
        var inv = CultureInfo.InvariantCulture;

        void Observe(TraceSample sample)
        {
            monitor.Observe(in sample);
            alarms.Drain();
        }

        // At power-on the fault is there before the switch: the self-test is what meets it.
        var atPowerOn = state == DeviceState.SelfTest;
        if (atPowerOn)
        {
            runner.Inject(fault.Fault);
        }

        if (!Reach(runner, state, fault.SetpointMpa, Observe, out var why))
        {
            failures.Add($"setup: {why}");
            return Row(fault, state, aftermath, backend, runner, monitor, failures);
        }

        if (alarms.Raised.Count > 0)
        {
            failures.Add($"setup: raised {string.Join(", ", alarms.Raised.Select(e => e.Alarm))} before the fault");
        }

        var t0 = runner.Time;
        var raisedBefore = alarms.Raised.Count;
        if (!atPowerOn)
        {
            runner.Inject(fault.Fault);
        }

        // The bounds count from the fault, or for an ending from the ending itself (the switch turned
        // off, or the shutdown asked for) once the fault's own reaction in Ready is complete.
        var ending = aftermath is Aftermath.SwitchOff or Aftermath.ShutdownCommand;
        var endingAt = t0 + fault.In(DeviceState.Ready).BoundS + HoldS;
        var from = ending ? endingAt : t0;
        var script = Continuation(state, fault, aftermath, t0, endingAt, runner.Core.ProgramIndex(LowerCeilingProgram));
        var next = 0;
        var end = from + Math.Max(expected.BoundS + HoldS, ending ? HoldS : MinimumWindowS);
        var firstFault = double.NaN;
        var firstOff = double.NaN;
        var leftFault = double.NaN;
        var leftOff = double.NaN;
        var lastSprayOpen = double.NaN;
        var expectedLatchedAtEnd = false;
        var sprayedOnPedal = false;
        var ceiling = runner.Core.Programs[runner.Core.ProgramIndex(LowerCeilingProgram)].CeilingMpa;
        var hosePeak = 0.0;
        var previous = runner.Core.State;
        TraceSample last = runner.Sample();
        while (runner.Time + (runner.TickSeconds / 2) < end)
        {
            while (next < script.Count && script[next].AtS < runner.Time + (runner.TickSeconds / 2))
            {
                script[next++].Action.ApplyTo(runner);
            }

            last = runner.Tick();
            Observe(last);
            var t = last.TimeS;
            var counted = t >= from;
            var entered = last.State != previous;
            previous = last.State;
            if (counted && last.State == DeviceState.Fault && double.IsNaN(firstFault) && (entered || !ending))
            {
                firstFault = t;
            }
            else if (last.State != DeviceState.Fault && !double.IsNaN(firstFault) && double.IsNaN(leftFault))
            {
                leftFault = t;
            }

            if (counted && last.State == DeviceState.Off && double.IsNaN(firstOff))
            {
                firstOff = t;
            }
            else if (last.State != DeviceState.Off && !double.IsNaN(firstOff) && double.IsNaN(leftOff))
            {
                leftOff = t;
            }

            if (last.SprayOpen)
            {
                lastSprayOpen = t;
                sprayedOnPedal |= last.State == DeviceState.Spraying && last.Mist;
            }

            if (aftermath == Aftermath.ProgramChangeToEye && t >= t0 + ProgramChangeAtS + CeilingHoldsAfterS
                && last.ProgramIndex == runner.Core.ProgramIndex(LowerCeilingProgram))
            {
                hosePeak = Math.Max(hosePeak, last.PHoseTrueMpa);
            }
        }

        if (expected.StillSprays && !sprayedOnPedal)
        {
            failures.Add("the pedal no longer gives a mist");
        }

        if (expected.Alarm is { } code)
        {
            expectedLatchedAtEnd = last.HasAlarm(code);
        }

        // The alarms, as the controller logged them; an ending also allows what the fault itself raised in Ready.
        var raised = alarms.Raised.Skip(raisedBefore).ToList();
        var raisedCodes = raised.Select(e => e.Alarm).ToList();
        var alarmAfter = double.NaN;
        if (expected.Alarm is { } wanted)
        {
            var hit = raised.FindIndex(e => e.Alarm == wanted && e.Time >= from - 1e-9);
            if (hit < 0)
            {
                failures.Add($"{wanted} never raised (raised: {Codes(raisedCodes)})");
            }
            else
            {
                alarmAfter = raised[hit].Time - from;
                var within = expected.AlarmWithinS ?? expected.BoundS;
                if (alarmAfter > within + 1e-9)
                {
                    failures.Add(string.Create(inv, $"{wanted} raised {alarmAfter:F3} s after the {(ending ? "ending" : "fault")}, bound {within:0.###} s"));
                }
            }
        }

        var allowed = new HashSet<AlarmCode>(expected.AlsoAllowed);
        if (expected.Alarm is { } main)
        {
            allowed.Add(main);
        }

        if (ending)
        {
            var ready = fault.In(DeviceState.Ready);
            allowed.UnionWith(ready.AlsoAllowed);
            if (ready.Alarm is { } readyAlarm)
            {
                allowed.Add(readyAlarm);
            }
        }

        var unexpected = raisedCodes.Where(c => !allowed.Contains(c)).Distinct().ToList();
        if (unexpected.Count > 0)
        {
            failures.Add($"unexpected alarm {Codes(unexpected)}");
        }

        if (alarms.Dropped > 0)
        {
            failures.Add($"{alarms.Dropped} events dropped from the event ring");
        }

        var safeAfter = double.NaN;
        switch (expected.Reaction)
        {
            case Reaction.Fault:
                if (double.IsNaN(firstFault))
                {
                    failures.Add($"never reached Fault (ended {last.State})");
                    break;
                }

                safeAfter = firstFault - from;
                if (safeAfter > expected.BoundS + 1e-9)
                {
                    failures.Add(string.Create(inv, $"Fault {safeAfter:F3} s after the {(ending ? "ending" : "fault")}, bound {expected.BoundS:0.###} s"));
                }

                if (!double.IsNaN(leftFault))
                {
                    failures.Add(string.Create(inv, $"left Fault at {leftFault - from:F3} s without an acknowledgement"));
                }

                if (expected.Alarm is not null && !expectedLatchedAtEnd)
                {
                    failures.Add($"{expected.Alarm} not latched at the end");
                }

                break;

            case Reaction.Off:
            case Reaction.OffBottleSealed:
                if (double.IsNaN(firstOff))
                {
                    failures.Add($"never reached Off (ended {last.State})");
                    break;
                }

                safeAfter = firstOff - from;
                if (safeAfter > expected.BoundS + 1e-9)
                {
                    failures.Add(string.Create(inv, $"Off {safeAfter:F3} s after the {(ending ? "ending" : "fault")}, bound {expected.BoundS:0.###} s"));
                }

                if (!double.IsNaN(leftOff))
                {
                    failures.Add(string.Create(inv, $"left Off at {leftOff - from:F3} s"));
                }

                var bottleVented = last.PBottleTrueMpa < 0.02;
                if (last.POutTrueMpa >= 0.02 || (expected.Reaction == Reaction.Off && !bottleVented))
                {
                    failures.Add(string.Create(inv, $"Off but not vented: true P_out {last.POutTrueMpa:F3}, P_bottle {last.PBottleTrueMpa:F3} MPa"));
                }

                break;

            case Reaction.StopsSpraying:
            case Reaction.Continues:
                if (!double.IsNaN(firstFault) || !double.IsNaN(firstOff))
                {
                    failures.Add(string.Create(inv, $"went to {(double.IsNaN(firstFault) ? "Off" : "Fault")} at {(double.IsNaN(firstFault) ? firstOff : firstFault) - from:F3} s; the device should carry on"));
                }

                if (last.State is not (DeviceState.Pressurizing or DeviceState.Ready or DeviceState.Charging or DeviceState.Spraying))
                {
                    failures.Add($"ended in {last.State}, not regulating");
                }

                if (expected.Reaction == Reaction.StopsSpraying)
                {
                    // Safe here means: no spraying any more — the later of the alarm and the last open spray valve.
                    var stopped = double.IsNaN(lastSprayOpen) ? from : lastSprayOpen + runner.TickSeconds;
                    safeAfter = Math.Max(stopped - from, double.IsNaN(alarmAfter) ? 0.0 : alarmAfter);
                    if (safeAfter > expected.BoundS + 1e-9)
                    {
                        failures.Add(string.Create(inv, $"spraying stopped {safeAfter:F3} s after the fault, bound {expected.BoundS:0.###} s"));
                    }

                    if (last.SprayOpen)
                    {
                        failures.Add("still spraying at the end");
                    }
                }

                break;
        }

        // DESIGN §2.5: stored pressure is never left silently — stopped with the bottle under pressure,
        // the status says so (and so the screen, the log and the session record).
        if (last.State is DeviceState.Off or DeviceState.Fault && last.PBottleTrueMpa >= 0.02 && !runner.Core.Status.BottleUnderPressure)
        {
            failures.Add(string.Create(inv, $"{last.State} with the bottle at {last.PBottleTrueMpa:F3} MPa and no \"bottle under pressure\" on the status"));
        }

        if (aftermath == Aftermath.ProgramChangeToEye && hosePeak > ceiling + CeilingToleranceMpa && !expected.CeilingMayBreak)
        {
            failures.Add(string.Create(inv, $"the hose reached {hosePeak:F3} MPa under the eye ceiling of {ceiling:0.00} MPa"));
        }

        return Row(fault, state, aftermath, backend, runner, monitor, failures) with
        {
            Raised = raisedCodes,
            AlarmAfterS = alarmAfter,
            SafeAfterS = safeAfter,
            SimulatedS = runner.Time,
            PeakPHoseTrueMpa = hosePeak,
        };
    }

    /// <summary>Regulation and transducer noise above the eye ceiling that still counts as holding it, MPa (the eye scenario's 0.36 limit).</summary>
    public const double CeilingToleranceMpa = 0.01;

    /// <summary>The controller as configured for a case: the custom program at the case's setpoint, on its gas.</summary>
    public static ControllerSettings SettingsFor(FaultCase fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        var programs = ProgramDefinition.Defaults
            .Select(p => p.Name == "custom" ? p with { SetpointMpa = fault.SetpointMpa } : p)
            .ToArray();
        return ControllerSettings.Default with { Programs = programs, StartupProgram = "custom", StartupGasSource = fault.Source };
    }

    /// <summary>Powers on and drives the device into <paramref name="state"/> the way a technician would.</summary>
    public static bool Reach(SimulationRunner runner, DeviceState state, double setpointMpa, Action<TraceSample> observe, out string problem)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(observe);
        runner.PowerSwitch(true);
        problem = "";
        switch (state)
        {
            case DeviceState.SelfTest:
                // Injected before the switch, so nothing to reach: the run starts at the switch.
                return true;
            case DeviceState.Pressurizing:
                return Until(runner, s => s.State == DeviceState.Pressurizing, observe, ref problem, "Pressurizing")
                    && Settle(runner, 0.05, state, observe, ref problem);
            case DeviceState.Charging:
                return Until(runner, s => s.State == DeviceState.Charging, observe, ref problem, "Charging")
                    && Settle(runner, 0.5, state, observe, ref problem);
            case DeviceState.Ready:
                return Charged(runner, setpointMpa, observe, ref problem)
                    && Settle(runner, 1.0, state, observe, ref problem);
            case DeviceState.Spraying:
                if (!Charged(runner, setpointMpa, observe, ref problem))
                {
                    return false;
                }

                runner.Pedal(true);
                return Until(runner, s => s.State == DeviceState.Spraying, observe, ref problem, "Spraying")
                    && Settle(runner, 0.5, state, observe, ref problem);
            case DeviceState.ShuttingDown:
                if (!Charged(runner, setpointMpa, observe, ref problem))
                {
                    return false;
                }

                runner.PowerSwitch(false);
                return Until(runner, s => s.State == DeviceState.ShuttingDown, observe, ref problem, "ShuttingDown")
                    && Settle(runner, 0.02, state, observe, ref problem);
            default:
                problem = $"the campaign does not inject in {state}";
                return false;
        }
    }

    private static bool Charged(SimulationRunner runner, double setpointMpa, Action<TraceSample> observe, ref string problem) =>
        Until(runner, s => s.State == DeviceState.Ready && s.PBottleMpa >= setpointMpa - 0.03, observe, ref problem, "Ready with a charged bottle");

    private static bool Until(SimulationRunner runner, Func<TraceSample, bool> reached, Action<TraceSample> observe, ref string problem, string what)
    {
        var deadline = runner.Time + SetupLimitS;
        while (runner.Time < deadline)
        {
            var sample = runner.Tick();
            observe(sample);
            if (reached(sample))
            {
                return true;
            }
        }

        var status = runner.Core.Status;
        problem = $"{what} not reached within {SetupLimitS} s (state {status.State})";
        return false;
    }

    private static bool Settle(SimulationRunner runner, double seconds, DeviceState state, Action<TraceSample> observe, ref string problem)
    {
        runner.RunUntil(runner.Time + seconds, observe);
        if (runner.Core.State != state)
        {
            problem = $"left {state} for {runner.Core.State} before the fault";
            return false;
        }

        return true;
    }

    private static List<(double AtS, OperatorAction Action)> Continuation(DeviceState state, FaultCase fault, Aftermath aftermath, double t0, double endingAt, int eye)
    {
        var script = new List<(double, OperatorAction)>();
        if (fault.LowerSetpointToMpa is { } lower && aftermath != Aftermath.ProgramChangeToEye)
        {
            script.Add((t0 + 1.0, OperatorAction.Setpoint(0, lower)));
        }

        switch (state)
        {
            case DeviceState.SelfTest or DeviceState.Pressurizing or DeviceState.Charging or DeviceState.Ready:
                script.Add((t0 + BurstAtS, OperatorAction.Pedal(0, down: true)));
                script.Add((t0 + BurstAtS + BurstS, OperatorAction.Pedal(0, down: false)));
                break;
            case DeviceState.Spraying:
                script.Add((t0 + ReleaseAtS, OperatorAction.Pedal(0, down: false)));
                break;
        }

        switch (aftermath)
        {
            case Aftermath.ProgramChangeToEye:
                script.Add((t0 + ProgramChangeAtS, OperatorAction.Program(0, eye)));
                break;
            case Aftermath.SwitchOff or Aftermath.ShutdownCommand:
                // The ending comes once the fault's reaction is complete: the technician lets go of the
                // pedal and switches off, or the dashboard's button (and SIGTERM, which asks the same) is used.
                script.RemoveAll(a => a.Item1 >= endingAt);
                script.Add((endingAt, OperatorAction.Pedal(0, down: false)));
                script.Add((endingAt, aftermath == Aftermath.SwitchOff ? OperatorAction.Do(0, ActionKind.PowerOff) : OperatorAction.Do(0, ActionKind.Shutdown)));
                break;
        }

        script.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return script;
    }

    private static CampaignRow Row(FaultCase fault, DeviceState state, Aftermath aftermath, SimulatedBackend backend, SimulationRunner runner, SafetyMonitor monitor, List<string> failures)
    {
        foreach (var violation in monitor.Violations.Take(3))
        {
            failures.Add($"invariant: {violation}");
        }

        if (monitor.ViolationCount > 3)
        {
            failures.Add($"… {monitor.ViolationCount} invariant violations in all");
        }

        return new CampaignRow
        {
            Case = fault,
            State = state,
            Aftermath = aftermath,
            Backend = backend,
            PeakPOutTrueMpa = monitor.PeakPOutTrueMpa,
            PeakPBottleTrueMpa = monitor.PeakPBottleTrueMpa,
            FinalState = runner.Core.State,
            Violations = monitor.Violations,
            Failures = failures,
            SimulatedS = runner.Time,
        };
    }

    private static string Codes(IEnumerable<AlarmCode> codes)
    {
        var text = string.Join(", ", codes);
        return text.Length == 0 ? "none" : text;
    }
}
