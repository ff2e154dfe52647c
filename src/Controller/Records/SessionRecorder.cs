using System.Globalization;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Localization;

namespace HydroOxygen.Controller.Records;

/// <summary>
/// Turns the loop's events into treatment records and event-log entries. Owned by the records
/// writer's thread; every method runs inside the writer's transaction.
/// </summary>
/// <remarks>
/// <para>
/// A record is one treatment, which is what a salon counts: it starts with the first spray
/// (entering <see cref="DeviceState.Spraying"/>) and ends at shutdown, or — when no spray came for
/// <c>treatmentIdleS</c> — at its last spray (the idle minutes are not counted; the next spray starts
/// the next treatment). Power-on, self-test, choosing a program or a setpoint without spraying are
/// not treatments: their events are logged outside any record. The figures are the growth of the
/// core's tally (spray seconds, liquid) during the treatment; the core's own session (power-on to
/// shutdown) is left as it is and not recorded separately.
/// </para>
/// <para>
/// The open record is rewritten at every checkpoint, so a process that dies leaves a record whose
/// figures are at most one checkpoint old; the next start closes it as
/// <see cref="SessionEndReasons.Interrupted"/> (<see cref="CloseInterrupted"/>).
/// </para>
/// </remarks>
internal sealed class SessionRecorder(SessionStore store, IReadOnlyList<ProgramDefinition> programs, double treatmentIdleS, PlanTable? plans = null)
{
    // The plans of the open session as last seen, in the order started (a power-on clears the core's before the end is drained).
    private readonly List<PlanProgress> _plans = [];

    private SessionRecord? _open;
    private double _openedAtLoopS;
    private SessionTally _baseline;
    private bool _spraying;
    private double _lastSprayEndLoopS;
    private DateTimeOffset _lastSprayEndAt;

    // Only state changes carry the state: the recorder follows them to stamp every other event.
    private DeviceState _state;

    public long? OpenSessionId => _open?.Id;

    /// <summary>Closes what a previous run left open, with its last checkpoint's figures; returns their ids.</summary>
    public IReadOnlyList<long> CloseInterrupted(DateTimeOffset now)
    {
        var closed = new List<long>();
        foreach (var session in store.OpenSessions())
        {
            store.UpdateSession(session with { EndedAt = session.UpdatedAt, EndReason = SessionEndReasons.Interrupted });
            store.InsertEvent(
                session.Id,
                now,
                null,
                EventKinds.SessionInterrupted,
                null,
                null,
                session.SprayS,
                string.Format(
                    CultureInfo.InvariantCulture,
                    "the controller stopped without closing this treatment; closed at restart with its last figures (saved {0:u})",
                    session.UpdatedAt));
            closed.Add(session.Id);
        }

        return closed;
    }

    public void Record(in ControlEvent controlEvent, in ControllerStatus status, DateTimeOffset at)
    {
        SeePlan(in status);
        EndIfIdle(controlEvent.Time, in status, at);
        switch (controlEvent.Kind)
        {
            case ControlEventKind.StateChanged when controlEvent.To == DeviceState.Spraying:
                _spraying = true;

                // The start-of-day check's spray tests the pen: it is nobody's treatment.
                if (_open is null && BeginsTreatment(in controlEvent) && !status.DayRoutine.Running)
                {
                    Open(in controlEvent, in status, at);
                }

                Log(in controlEvent, in status, at);
                return;

            case ControlEventKind.StateChanged when controlEvent.From == DeviceState.Spraying:
                _spraying = false;
                _lastSprayEndLoopS = controlEvent.Time;
                _lastSprayEndAt = at;
                break;

            case ControlEventKind.CommandAccepted when _open is null && BeginsTreatment(in controlEvent):
                Open(in controlEvent, in status, at);
                break;

            case ControlEventKind.SessionStarted:
                // The core's power-on session (first Ready): not a treatment. A treatment still open
                // here lost its ending (events dropped): close it with its last checkpoint.
                if (_open is not null)
                {
                    store.UpdateSession(_open with { EndedAt = _open.UpdatedAt, EndReason = SessionEndReasons.Stopped });
                    _open = null;
                }

                _spraying = false;
                return;

            case ControlEventKind.SessionEnded:
                // The device is off: a treatment still open ends with it.
                if (_open is not null)
                {
                    var tally = status.Session;
                    tally.SpraySeconds = controlEvent.Value;
                    Close(in tally, at, controlEvent.Time, SessionEndReasons.Shutdown, at);
                }

                _spraying = false;
                return;
        }

        Log(in controlEvent, in status, at);
        if (_open is null)
        {
            return;
        }

        if (controlEvent.Kind == ControlEventKind.AlarmRaised)
        {
            var code = controlEvent.Alarm.ToString();
            _open = _open with { AlarmCount = _open.AlarmCount + 1, Alarms = Append(_open.Alarms, code) };
        }
        else if (controlEvent.Kind == ControlEventKind.CommandAccepted && controlEvent.Command.Kind == CommandKind.SetSetpoint)
        {
            _open = _open with { SetpointsMpa = Append(_open.SetpointsMpa, Math.Round(controlEvent.Command.Value, 3)) };
        }
        else if (controlEvent.Kind == ControlEventKind.CommandAccepted && controlEvent.Command.Kind == CommandKind.SelectSource)
        {
            _open = _open with { GasSources = Append(_open.GasSources, DeviceNames.Source(controlEvent.Command.Source)) };
        }
        else if (controlEvent.Kind == ControlEventKind.CommandAccepted && controlEvent.Command.Kind == CommandKind.SelectProgram
            && (uint)controlEvent.Command.Index < (uint)programs.Count)
        {
            var program = programs[controlEvent.Command.Index];
            _open = _open with
            {
                Programs = Append(_open.Programs, program.Name),
                SetpointsMpa = Append(_open.SetpointsMpa, Math.Round(program.SetpointMpa, 3)),
            };
        }
        else
        {
            return;
        }

        store.UpdateSession(_open);
    }

    /// <summary>
    /// After a failed write was rolled back: a treatment opened in it has no row, so it is forgotten
    /// (the next spray opens one) rather than pointed at by every later event, which would fail too.
    /// </summary>
    public void RolledBack()
    {
        if (_open is not null && !store.SessionExists(_open.Id))
        {
            _open = null;
        }
    }

    /// <summary>Writes the open treatment's running figures, or ends it when it has been idle too long.</summary>
    public void Checkpoint(in ControllerStatus status, DateTimeOffset at)
    {
        EndIfIdle(status.Time, in status, at);
        if (_open is null)
        {
            return;
        }

        SeePlan(in status);
        _open = WithFigures(_open, status.Session, at, status.Time);
        store.UpdateSession(_open);
    }

    /// <summary>The service is stopping with a treatment open (Fault, or venting not finished): close it with what is known.</summary>
    public void Stop(in ControllerStatus status, DateTimeOffset at)
    {
        EndIfIdle(status.Time, in status, at);
        if (_open is null)
        {
            return;
        }

        var tally = status.Session;
        Close(in tally, at, status.Time, SessionEndReasons.Stopped, at);
    }

    /// <summary>Sets the client code of the open treatment; returns its id, or null if none is open.</summary>
    public long? SetClientCode(string code)
    {
        if (_open is null)
        {
            return null;
        }

        _open = _open with { ClientCode = code };
        store.UpdateSession(_open);
        return _open.Id;
    }

    /// <summary>
    /// What begins a treatment: its first spray, or starting a treatment plan (DESIGN §2.7).
    /// </summary>
    private static bool BeginsTreatment(in ControlEvent controlEvent) =>
        (controlEvent.Kind == ControlEventKind.StateChanged && controlEvent.To == DeviceState.Spraying)
        || (controlEvent.Kind == ControlEventKind.CommandAccepted && controlEvent.Command.Kind == CommandKind.StartPlan);

    /// <summary>No spray for the idle time: the treatment ended with its last spray.</summary>
    private void EndIfIdle(double loopS, in ControllerStatus status, DateTimeOffset now)
    {
        if (_open is null || _spraying || loopS - _lastSprayEndLoopS < treatmentIdleS)
        {
            return;
        }

        var tally = status.Session;
        Close(in tally, _lastSprayEndAt, _lastSprayEndLoopS, SessionEndReasons.Idle, now);
    }

    private void Open(in ControlEvent controlEvent, in ControllerStatus status, DateTimeOffset at)
    {
        _openedAtLoopS = controlEvent.Time;

        // The snapshot may be a tick or two past the event; what was sprayed since belongs to this treatment.
        _baseline = status.Session;
        if (status.State == DeviceState.Spraying)
        {
            _baseline.SpraySeconds = Math.Max(0.0, _baseline.SpraySeconds - Math.Max(0.0, status.Time - controlEvent.Time));
        }

        _plans.Clear();
        SeePlan(in status);
        var programName = DeviceNames.Program(programs, status.ProgramIndex);
        var source = DeviceNames.Source(status.GasSource);
        var session = new SessionRecord(
            Id: 0,
            StartedAt: at,
            EndedAt: null,
            EndReason: null,
            UpdatedAt: at,
            DurationS: 0,
            Program: programName,
            Programs: [programName],
            GasSource: source,
            GasSources: [source],
            SetpointsMpa: [Math.Round(status.SetpointMpa, 3)],
            SprayS: 0,
            LiquidMl: 0,
            AlarmCount: 0,
            Alarms: [],
            ClientCode: null);
        _open = session with { Id = store.InsertSession(session) };
        store.InsertEvent(
            _open.Id,
            at,
            Math.Round(controlEvent.Time, 3),
            EventKinds.SessionStarted,
            _state.ToString(),
            null,
            status.SetpointMpa,
            string.Format(CultureInfo.InvariantCulture, "treatment started (first spray): {0}, {1}, {2:0.00} MPa", programName, source, status.SetpointMpa));
    }

    /// <param name="endedAt">When the treatment ended (its last spray, for an idle one).</param>
    /// <param name="now">When its end is written.</param>
    private void Close(in SessionTally tally, DateTimeOffset endedAt, double loopS, string reason, DateTimeOffset now)
    {
        if (_open is null)
        {
            return;
        }

        _open = WithFigures(_open, tally, endedAt, loopS) with { EndedAt = endedAt, EndReason = reason };
        store.UpdateSession(_open);
        var detail = reason switch
        {
            SessionEndReasons.Idle => string.Format(
                CultureInfo.InvariantCulture,
                "treatment ended at its last spray ({0:HH:mm:ss} UTC): no spray for {1:0.#} min; {2:0.0} s of spraying",
                endedAt.UtcDateTime,
                treatmentIdleS / 60,
                _open.SprayS),
            SessionEndReasons.Shutdown => string.Format(CultureInfo.InvariantCulture, "treatment ended at shutdown; {0:0.0} s of spraying", _open.SprayS),
            _ => string.Format(CultureInfo.InvariantCulture, "treatment ended ({0}); {1:0.0} s of spraying", reason, _open.SprayS),
        };
        store.InsertEvent(_open.Id, now, Math.Round(loopS, 3), EventKinds.SessionEnded, _state.ToString(), null, _open.SprayS, detail);
        _open = null;
    }

    private SessionRecord WithFigures(SessionRecord session, SessionTally tally, DateTimeOffset at, double loopS) => session with
    {
        UpdatedAt = at,
        DurationS = Math.Max(0.0, loopS - _openedAtLoopS),
        SprayS = Math.Max(0.0, tally.SpraySeconds - _baseline.SpraySeconds),
        LiquidMl = Math.Max(0.0, tally.LiquidUsedMl - _baseline.LiquidUsedMl),
        OxygenL = Math.Max(0.0, tally.OxygenLitres - _baseline.OxygenLitres),
        Plan = _plans.Count > 0 && plans is not null ? plans.PlanName(_plans[^1].Plan) : null,
        PlanStepSprayS = _plans.Count > 0 ? StepSprayS(_plans[^1]) : [],
        Plans = plans is null ? [] : [.. _plans.Select(run => new PlanRun(plans.PlanName(run.Plan), StepSprayS(run)))],
    };

    private static double[] StepSprayS(PlanProgress run) => [.. Enumerable.Range(0, run.StepCount).Select(step => Math.Round(run.StepSprayS(step), 3))];

    /// <summary>The core keeps the plan running or last run; a different plan, or the same one started again, is a new run.</summary>
    private void SeePlan(in ControllerStatus status)
    {
        var plan = status.Plan;
        if (!plan.Started)
        {
            return;
        }

        if (_plans.Count > 0 && _plans[^1].Plan == plan.Plan && _plans[^1].StartedAt == plan.StartedAt)
        {
            _plans[^1] = plan;
        }
        else
        {
            _plans.Add(plan);
        }
    }

    private long Log(in ControlEvent e, in ControllerStatus status, DateTimeOffset at)
    {
        string? code = null;
        double? value = null;
        string kind;
        string detail;
        var inv = CultureInfo.InvariantCulture;
        switch (e.Kind)
        {
            case ControlEventKind.StateChanged:
                kind = EventKinds.State;
                detail = $"{e.From} → {e.To}";
                break;
            case ControlEventKind.AlarmRaised:
                kind = EventKinds.AlarmRaised;
                code = e.Alarm.ToString();
                value = e.Value;
                detail = string.Format(inv, "{0} ({1}) raised, value {2:0.####}", code, DeviceNames.Priority(AlarmCatalog.PriorityOf(e.Alarm)), e.Value);
                break;
            case ControlEventKind.AlarmCleared:
                kind = EventKinds.AlarmCleared;
                code = e.Alarm.ToString();
                detail = $"{code} cleared";
                break;
            case ControlEventKind.AlarmsAcknowledged:
                kind = EventKinds.AlarmsAcknowledged;
                detail = "alarms acknowledged";
                break;
            case ControlEventKind.CommandAccepted:
                var accepted = e.Command;
                kind = EventKinds.Command;
                value = CommandValue(in accepted);
                detail = DescribeCommand(in accepted);
                break;
            case ControlEventKind.CommandRejected:
                var command = e.Command;
                kind = EventKinds.CommandRefused;
                value = CommandValue(in command);
                detail = $"{DescribeCommand(in command)} refused: {CommandRefusals.Describe(ResourceText.English, e.Outcome, in command, e.From, status.ProgramIndex, programs, plans).ToString()}";
                break;
            case ControlEventKind.SessionStarted:
                kind = EventKinds.SessionStarted;
                value = e.Value;
                detail = string.Format(inv, "session started: {0}, {1}, {2:0.00} MPa", DeviceNames.Program(programs, status.ProgramIndex), DeviceNames.Source(status.GasSource), e.Value);
                break;
            case ControlEventKind.SessionEnded:
                kind = EventKinds.SessionEnded;
                value = e.Value;
                detail = string.Format(inv, "session ended after {0:0.0} s of spraying", e.Value);
                break;
            case ControlEventKind.BottleUnderPressure:
                kind = EventKinds.BottleUnderPressure;
                value = e.Value;
                detail = BottleWarning.Text(e.Value, e.Alarm == AlarmCode.SensorFault);
                break;
            default:
                kind = e.Kind.ToString();
                detail = e.Kind.ToString();
                break;
        }

        if (e.Kind == ControlEventKind.StateChanged)
        {
            _state = e.To;
        }

        return store.InsertEvent(_open?.Id, at, e.Time, kind, _state.ToString(), code, value, detail);
    }

    private static double? CommandValue(in ControlCommand command) =>
        command.Kind == CommandKind.SetSetpoint ? command.Value : null;

    private string DescribeCommand(in ControlCommand command) => command.Kind switch
    {
        CommandKind.SetSetpoint => string.Format(CultureInfo.InvariantCulture, "setpoint {0:0.000} MPa", command.Value),
        CommandKind.SelectProgram => $"program {DeviceNames.Program(programs, command.Index)}",
        CommandKind.SelectSource => $"source {DeviceNames.Source(command.Source)}",
        CommandKind.AcknowledgeAlarms => "acknowledge alarms",
        CommandKind.Shutdown => "shutdown",
        _ => command.Kind.ToString(),
    };

    private static IReadOnlyList<T> Append<T>(IReadOnlyList<T> list, T item) =>
        list.Contains(item) ? list : [.. list, item];
}
