using System.Globalization;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Localization;

namespace HydroOxygen.Controller.Records;

/// <summary>
/// Turns the loop's events into session records and event-log entries. Owned by the records
/// writer's thread; every method runs inside the writer's transaction.
/// </summary>
/// <remarks>
/// <para>
/// A record follows the core's session (first <see cref="DeviceState.Ready"/> after power-on to
/// <see cref="DeviceState.Off"/>): the figures come from the core's tally, so the record shows what
/// the technician's timer showed. The power-on that led to a session (self-test, pressurizing) is
/// attached to it. With <see cref="RecordsOptions.SessionPerProgram"/> a program change closes the
/// record and opens the next one, and each record's figures are the tally's growth during it.
/// </para>
/// <para>
/// The open record is rewritten at every checkpoint, so a process that dies leaves a record whose
/// figures are at most one checkpoint old; the next start closes it as
/// <see cref="SessionEndReasons.Interrupted"/> (<see cref="CloseInterrupted"/>).
/// </para>
/// </remarks>
internal sealed class SessionRecorder(SessionStore store, IReadOnlyList<ProgramDefinition> programs, bool sessionPerProgram, PlanTable? plans = null)
{
    // The plan of the open session as last seen (a power-on clears the core's before the end is drained).
    private PlanProgress _plan = PlanProgress.None;

    private SessionRecord? _open;
    private int _openProgram;
    private double _openedAtLoopS;
    private SessionTally _baseline;
    private long? _powerOnEventId;

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
                    "the controller stopped without closing this session; closed at restart with its last figures (saved {0:u})",
                    session.UpdatedAt));
            closed.Add(session.Id);
        }

        return closed;
    }

    public void Record(in ControlEvent controlEvent, in ControllerStatus status, DateTimeOffset at)
    {
        SeePlan(in status);
        switch (controlEvent.Kind)
        {
            case ControlEventKind.SessionStarted:
                if (_open is not null)
                {
                    // The end of the last one never arrived (events were dropped): close it with its
                    // last checkpoint, since the tally in this status is already the new session's.
                    store.UpdateSession(_open with { EndedAt = _open.UpdatedAt, EndReason = SessionEndReasons.Stopped });
                    _open = null;
                }

                Open(in status, at, controlEvent.Time, controlEvent.Value, baseline: default);
                if (_powerOnEventId is { } first)
                {
                    store.AttachEvents(_open!.Id, first);
                }

                _powerOnEventId = null;
                Log(in controlEvent, in status, at);
                return;

            case ControlEventKind.SessionEnded:
                Log(in controlEvent, in status, at);
                var tally = status.Session;
                tally.SpraySeconds = controlEvent.Value;
                Close(in tally, at, controlEvent.Time, SessionEndReasons.Shutdown);
                return;

            case ControlEventKind.StateChanged when controlEvent.From == DeviceState.Off && controlEvent.To == DeviceState.SelfTest:
                _powerOnEventId = Log(in controlEvent, in status, at);
                return;

            case ControlEventKind.CommandAccepted when controlEvent.Command.Kind == CommandKind.SelectProgram:
                ProgramSelected(in controlEvent, in status, at);
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
        else
        {
            return;
        }

        store.UpdateSession(_open);
    }

    /// <summary>Writes the open session's running figures.</summary>
    public void Checkpoint(in ControllerStatus status, DateTimeOffset at)
    {
        if (_open is null)
        {
            return;
        }

        SeePlan(in status);
        _open = WithFigures(_open, status.Session, at, status.Time);
        store.UpdateSession(_open);
    }

    /// <summary>The service is stopping with a session open (Fault, or venting not finished): close it with what is known.</summary>
    public void Stop(in ControllerStatus status, DateTimeOffset at)
    {
        if (_open is null)
        {
            return;
        }

        var tally = status.Session;
        Close(in tally, at, status.Time, SessionEndReasons.Stopped);
    }

    /// <summary>Sets the client code of the open session; returns its id, or null if no session is open.</summary>
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

    private void ProgramSelected(in ControlEvent controlEvent, in ControllerStatus status, DateTimeOffset at)
    {
        var index = controlEvent.Command.Index;
        if (_open is not null && sessionPerProgram && index != _openProgram)
        {
            // The program run ends here and the next one starts: one record each.
            var tally = status.Session;
            var clientCode = _open.ClientCode;
            Close(in tally, at, controlEvent.Time, SessionEndReasons.ProgramChanged);
            Open(in status, at, controlEvent.Time, programs[index].SetpointMpa, baseline: tally, program: index);
            if (clientCode is not null)
            {
                SetClientCode(clientCode);
            }

            Log(in controlEvent, in status, at);
            return;
        }

        Log(in controlEvent, in status, at);
        if (_open is not null && (uint)index < (uint)programs.Count)
        {
            _openProgram = index;
            _open = _open with
            {
                Programs = Append(_open.Programs, programs[index].Name),
                SetpointsMpa = Append(_open.SetpointsMpa, Math.Round(programs[index].SetpointMpa, 3)),
            };
            store.UpdateSession(_open);
        }
    }

    private void Open(in ControllerStatus status, DateTimeOffset at, double loopS, double setpoint, SessionTally baseline, int? program = null)
    {
        _openProgram = program ?? status.ProgramIndex;
        _openedAtLoopS = loopS;
        _plan = status.Plan.Started ? status.Plan : PlanProgress.None;
        _baseline = baseline;
        var programName = DeviceNames.Program(programs, _openProgram);
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
            SetpointsMpa: [Math.Round(setpoint, 3)],
            SprayS: 0,
            LiquidMl: 0,
            AlarmCount: 0,
            Alarms: [],
            ClientCode: null);
        _open = session with { Id = store.InsertSession(session) };
    }

    private void Close(in SessionTally tally, DateTimeOffset at, double loopS, string reason)
    {
        if (_open is null)
        {
            return;
        }

        _open = WithFigures(_open, tally, at, loopS) with { EndedAt = at, EndReason = reason };
        store.UpdateSession(_open);
        _open = null;
    }

    private SessionRecord WithFigures(SessionRecord session, SessionTally tally, DateTimeOffset at, double loopS) => session with
    {
        UpdatedAt = at,
        DurationS = Math.Max(0.0, loopS - _openedAtLoopS),
        SprayS = Math.Max(0.0, tally.SpraySeconds - _baseline.SpraySeconds),
        LiquidMl = Math.Max(0.0, tally.LiquidUsedMl - _baseline.LiquidUsedMl),
        Plan = _plan.Started && plans is not null ? plans.PlanName(_plan.Plan) : null,
        PlanStepSprayS = _plan.Started ? [.. Enumerable.Range(0, _plan.StepCount).Select(step => Math.Round(_plan.StepSprayS(step), 3))] : [],
    };

    private void SeePlan(in ControllerStatus status)
    {
        if (status.Plan.Started)
        {
            _plan = status.Plan;
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
