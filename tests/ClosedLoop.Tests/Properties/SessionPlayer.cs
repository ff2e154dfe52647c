using System.Globalization;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Simulation;
using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.ClosedLoop.Tests.Properties;

/// <summary>
/// Plays a generated session against the real control core and the simulated plant in virtual
/// time, checking <see cref="TickInvariants"/> at every tick, then powers the device down as the
/// operating guide says (pedal released, faults gone, switch off) and checks that the shutdown ends
/// <see cref="DeviceState.Off"/> with manifold and bottle vented.
/// </summary>
internal static class SessionPlayer
{
    /// <summary>
    /// How long the final power-down may take. The shutdown sequencer's own limit
    /// (<see cref="SequenceSettings.ShutdownTimeoutS"/>, 30 s by default) is the design's bound: past
    /// it the controller must declare Fault instead of Off. The confirmation time and one second
    /// for the faults' clearing to reach the plant are added. The physics needs far less: the 20 mL
    /// manifold plus at most a 250 mL bottle blow down through the vent (C 0.05) in a few seconds.
    /// </summary>
    public static double ShutdownBoundS(ControllerSettings settings) =>
        settings.Sequence.ShutdownTimeoutS + settings.Sequence.ShutdownConfirmS + 1.0;

    /// <summary>Vented means below this on both the manifold and the bottle, in the plant's truth (DESIGN §1.1).</summary>
    public const double VentedMpa = 0.02;

    public static SessionOutcome Play(GeneratedSession session)
    {
        var settings = ControllerSettings.Default;
        var plant = PlantParameters.Default with { SensorNoiseKpa = session.SensorNoiseKpa };
        var runner = new SimulationRunner(settings, plant, session.Seed);
        var invariants = new TickInvariants(runner);
        // The tick the device entered Off is when the shutdown promised "vented": a fault injected
        // once it is Off (an inlet stuck open lets the source line's last gas into the manifold)
        // can move pressure afterwards, with no controller left running to answer for it.
        var previous = DeviceState.Off;
        TraceSample? enteredOff = null;
        var offSaid = (Notice: false, Mpa: 0.0, Doubted: false);
        void Check(TraceSample sample)
        {
            invariants.Check(in sample);
            if (sample.State == DeviceState.Off && previous != DeviceState.Off)
            {
                enteredOff = sample;
                offSaid = (runner.Core.Status.BottleUnderPressure, runner.Core.Status.PBottleMpa, runner.Core.Status.PBottleDoubted);
            }

            previous = sample.State;
        }

        foreach (var action in session.Actions)
        {
            Apply(runner, action, Check);
            runner.RunUntil(runner.Time + action.PauseS, Check);
        }

        // Every fault the session injected, whether or not it has reached the plant yet: a fault
        // posted in the last instant is still queued for the next tick, and the plant's own list
        // does not show it.
        var injected = session.Actions.Where(a => a.Kind == OperatorActionKind.InjectFault).Select(a => (a.Fault, a.Target)).Distinct();
        return PowerDown(runner, invariants, injected, Check, () => enteredOff, () => offSaid);
    }

    private static void Apply(SimulationRunner runner, OperatorAction action, Action<TraceSample> check)
    {
        switch (action.Kind)
        {
            case OperatorActionKind.Wait:
                break;
            case OperatorActionKind.PowerOn:
                runner.PowerSwitch(true);
                break;
            case OperatorActionKind.PowerOff:
                runner.PowerSwitch(false);
                break;
            case OperatorActionKind.SelectSource:
                runner.Command(ControlCommand.SelectSource(action.Source));
                break;
            case OperatorActionKind.SelectProgram:
                runner.Command(ControlCommand.SelectProgram(action.Program));
                break;
            case OperatorActionKind.SetPressure:
                runner.Command(ControlCommand.SetSetpoint(action.Value));
                break;
            case OperatorActionKind.PedalDown:
                runner.Pedal(true);
                break;
            case OperatorActionKind.PedalUp:
                runner.Pedal(false);
                break;
            case OperatorActionKind.Charge:
                runner.Pedal(true);
                runner.RunUntil(runner.Time + action.Value, check);
                runner.Pedal(false);
                break;
            case OperatorActionKind.AcknowledgeAlarms:
                runner.Command(ControlCommand.AcknowledgeAlarms());
                break;
            case OperatorActionKind.Shutdown:
                runner.Command(ControlCommand.Shutdown());
                break;
            case OperatorActionKind.EnterService:
                runner.Command(ControlCommand.EnterService());
                break;
            case OperatorActionKind.ExitService:
                runner.Command(ControlCommand.ExitService());
                break;
            case OperatorActionKind.InjectFault:
                runner.Inject(new FaultSpec(action.Fault, action.Target, action.Value));
                break;
            case OperatorActionKind.ClearFault:
                runner.Clear(action.Fault, action.Target);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(action), action.Kind, "no such action");
        }

    }

    private static SessionOutcome PowerDown(
        SimulationRunner runner,
        TickInvariants invariants,
        IEnumerable<(FaultKind Kind, FaultTarget Target)> injected,
        Action<TraceSample> check,
        Func<TraceSample?> enteredOff,
        Func<(bool Notice, double Mpa, bool Doubted)> saidAtOff)
    {
        var inv = CultureInfo.InvariantCulture;
        runner.Pedal(false);
        foreach (var (kind, target) in injected)
        {
            runner.Clear(kind, target);
        }

        // The switch goes off (what the technician does), and the shutdown is also asked for over
        // the API: a device whose earlier shutdown failed stays in Fault on the switch alone, by
        // design, until someone asks again.
        // A shutdown already under way when the power-down begins ignores the request and may still
        // time out into Fault (it ran against a fault cleared only now); the technician then asks
        // again, as the operating guide says, and that second sequence must end Off and vented.
        var earlierSequenceRunning = runner.Core.State == DeviceState.ShuttingDown;
        runner.PowerSwitch(false);
        runner.Command(ControlCommand.Shutdown());
        var started = runner.Time;
        var deadline = started + ShutdownBoundS(runner.Settings);
        TraceSample sample;
        do
        {
            sample = runner.Tick();
            check(sample);
            if (earlierSequenceRunning && sample.State != DeviceState.ShuttingDown)
            {
                earlierSequenceRunning = false;
                if (sample.State == DeviceState.Fault)
                {
                    runner.Command(ControlCommand.Shutdown());
                    started = runner.Time;
                    deadline = started + ShutdownBoundS(runner.Settings);
                }
            }
        }
        while (sample.State != DeviceState.Off && runner.Time < deadline);

        if (sample.State != DeviceState.Off)
        {
            throw new InvariantViolation("shutdown ends Off with manifold and bottle below 0.02 MPa", sample.TimeS,
                string.Create(inv, $"still {sample.State} {runner.Time - started:0.0} s after the power-down (bound {ShutdownBoundS(runner.Settings):0.0} s), alarms {Device.Alarms(sample)}, true P_out {sample.POutTrueMpa:0.0000}, P_bottle {sample.PBottleTrueMpa:0.0000} MPa"));
        }

        // The bottle may be left sealed — and then must be reported — where the session gave the
        // controller reason to think its gas would leave through an open outlet (a spray valve seen
        // stuck open, a burst hose): DESIGN §2.5's dead-man rule outranks venting it.
        // What the status said on the tick the device entered Off, against the truth of that tick.
        var off = enteredOff() ?? sample;
        // Its figure must be the truth, or said to be in doubt (a drifted transducer the cross-check caught).
        (bool Notice, double Mpa, bool Doubted) said = enteredOff() is null ? (runner.Core.Status.BottleUnderPressure, runner.Core.Status.PBottleMpa, runner.Core.Status.PBottleDoubted) : saidAtOff();
        var bottleSealedAndSaid = off.PBottleTrueMpa >= VentedMpa && said.Notice && (said.Doubted || Math.Abs(said.Mpa - off.PBottleTrueMpa) < 0.03);
        if (!(off.POutTrueMpa < VentedMpa && (off.PBottleTrueMpa < VentedMpa || bottleSealedAndSaid)))
        {
            throw new InvariantViolation("shutdown ends Off with manifold and bottle below 0.02 MPa (or the bottle sealed and reported)", sample.TimeS,
                string.Create(inv, $"Off at {off.TimeS:0.000} s with true P_out {off.POutTrueMpa:0.0000} MPa, P_bottle {off.PBottleTrueMpa:0.0000} MPa; status said bottle under pressure: {said.Notice} ({said.Mpa:0.000} MPa{(said.Doubted ? ", in doubt" : "")})"));
        }

        if (!runner.LastOutputs.IsSafe)
        {
            throw new InvariantViolation("shutdown ends Off with outputs safe", sample.TimeS, $"outputs {runner.LastOutputs}");
        }

        return new SessionOutcome(runner.Ticks, runner.Time - started, invariants.PeakTrueMpa);
    }
}
