using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Records;
using Microsoft.Data.Sqlite;

namespace HydroOxygen.Controller.Tests.Records;

/// <summary>From the loop's events to session records and the event log, against a real SQLite file.</summary>
public sealed class SessionRecorderTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("hydroxy-records-").FullName;
    private readonly string _path;
    private SessionStore _store;
    private SessionRecorder _recorder;

    public SessionRecorderTests()
    {
        _path = Path.Combine(_directory, "sessions.db");
        (_store, _recorder) = Open();
    }

    public void Dispose()
    {
        _store.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void A_session_keeps_its_plan_and_the_spray_seconds_of_each_step()
    {
        PowerOnToReady(at: 0);
        var plan = PlanProgress.None with { Plan = 0, Running = true, StepCount = 9, StartedAt = 2.0 };
        plan.AddSpray(3.25);
        plan.Step = 3;
        plan.AddSpray(6.5);
        _recorder.Checkpoint(Status(spray: 9.75, liquid: 0.5, time: 20.0) with { Plan = plan }, Start.AddSeconds(20));
        Assert.Equal("acne", Assert.Single(Queries().Sessions()).Plan);

        // The power-on after the shutdown forgets the plan before the end is drained: the record keeps it.
        plan.Step = 8;
        plan.AddSpray(2.0);
        Record(new ControlEvent(40.0, ControlEventKind.SessionEnded, Value: 11.75), 40.0, Status(spray: 11.75, liquid: 1.0, time: 40.0, active: false) with { Plan = plan });
        Record(new ControlEvent(41.0, ControlEventKind.StateChanged, DeviceState.Off, DeviceState.SelfTest), 41.0, Status(time: 41.0, active: false) with { Plan = PlanProgress.None });

        var session = Assert.Single(Queries().Sessions());
        Assert.Equal("acne", session.Plan);
        Assert.Equal([3.25, 0, 0, 6.5, 0, 0, 0, 0, 2.0], session.PlanStepSprayS);
        Assert.Equal(session.SprayS, session.PlanStepSprayS!.Sum(), 6);
        Assert.EndsWith(",acne,3.25;0;0;6.5;0;0;0;0;2\n", SessionCsv.Sessions([session]), StringComparison.Ordinal);
    }

    [Fact]
    public void A_database_from_before_plans_gets_the_plan_columns_when_opened()
    {
        _store.Dispose();
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
        using (var old = new SqliteConnection($"Data Source={_path}"))
        {
            old.Open();
            using var create = old.CreateCommand();
            create.CommandText = System.Text.RegularExpressions.Regex.Replace(
                    SessionSchema.Create, @"client_code  TEXT,\s*plan\s+TEXT,\s*plan_step_spray_s TEXT NOT NULL DEFAULT ''", "client_code  TEXT")
                + "INSERT INTO sessions (started_at, updated_at, program, programs, gas_source, gas_sources, setpoints_mpa) "
                + "VALUES ('2026-03-01T09:00:00.000Z', '2026-03-01T09:00:00.000Z', 'acne', 'acne', 'oxygen', 'oxygen', '0.45');";
            create.ExecuteNonQuery();
            using var columns = old.CreateCommand();
            columns.CommandText = "SELECT count(*) FROM pragma_table_info('sessions') WHERE name = 'plan'";
            Assert.Equal(0L, columns.ExecuteScalar());
        }

        SqliteConnection.ClearAllPools();
        (_store, _recorder) = Open();

        var session = Assert.Single(Queries().Sessions());
        Assert.Null(session.Plan);
        Assert.Empty(session.PlanStepSprayS!);
    }

    [Fact]
    public void A_session_is_recorded_from_power_on_to_shutdown()
    {
        PowerOnToReady(at: 0);
        Record(new ControlEvent(5.0, ControlEventKind.CommandAccepted, DeviceState.Ready, DeviceState.Ready, Command: ControlCommand.SetSetpoint(0.45, 1)), 5.0);
        Record(new ControlEvent(6.0, ControlEventKind.CommandAccepted, DeviceState.Ready, DeviceState.Ready, Command: ControlCommand.SelectSource(GasSource.Compressor, 2)), 6.0);
        Record(new ControlEvent(7.0, ControlEventKind.AlarmRaised, Alarm: AlarmCode.LiquidEmpty), 7.0);
        Record(new ControlEvent(8.0, ControlEventKind.AlarmCleared, Alarm: AlarmCode.LiquidEmpty), 8.0);
        Record(new ControlEvent(9.0, ControlEventKind.AlarmRaised, Alarm: AlarmCode.LiquidEmpty), 9.0);
        _recorder.Checkpoint(Status(spray: 12.5, liquid: 0.7, time: 20.0), Start.AddSeconds(20));
        Record(new ControlEvent(40.0, ControlEventKind.StateChanged, DeviceState.ShuttingDown, DeviceState.Off), 40.0);
        Record(new ControlEvent(40.0, ControlEventKind.SessionEnded, Value: 30.0), 40.0, Status(spray: 30.0, liquid: 1.5, time: 40.0, active: false));

        var session = Assert.Single(Queries().Sessions());
        Assert.Equal(Start.AddSeconds(1), session.StartedAt);
        Assert.Equal(Start.AddSeconds(40), session.EndedAt);
        Assert.Equal(SessionEndReasons.Shutdown, session.EndReason);
        Assert.Equal(39.0, session.DurationS);
        Assert.Equal("cleanse", session.Program);
        Assert.Equal(["oxygen", "compressor"], session.GasSources);
        Assert.Equal([0.40, 0.45], session.SetpointsMpa);
        Assert.Equal(30.0, session.SprayS);
        Assert.Equal(1.5, session.LiquidMl);
        Assert.Equal(2, session.AlarmCount);
        Assert.Equal(["LiquidEmpty"], session.Alarms);
        Assert.Null(session.ClientCode);

        var events = Queries().EventsOf(session.Id);
        Assert.Equal("Off → SelfTest", events[0].Detail);
        Assert.All(events, e => Assert.Equal(session.Id, e.SessionId));
        Assert.Contains(events, e => e.Kind == EventKinds.AlarmRaised && e.Code == "LiquidEmpty" && e.State == "Ready");
        Assert.Equal(EventKinds.SessionEnded, events[^1].Kind);
    }

    /// <summary>DESIGN §2.5: a bottle left under pressure at the ending is in the session record, with the reading.</summary>
    [Fact]
    public void A_bottle_left_under_pressure_at_the_ending_is_in_the_session_record()
    {
        PowerOnToReady(at: 0);
        Record(new ControlEvent(40.0, ControlEventKind.BottleUnderPressure, DeviceState.Off, DeviceState.Off, AlarmCode.VentFailure, 0.372), 40.0);
        Record(new ControlEvent(40.0, ControlEventKind.StateChanged, DeviceState.ShuttingDown, DeviceState.Off), 40.0);
        Record(new ControlEvent(40.0, ControlEventKind.SessionEnded, Value: 3.0), 40.0, Status(spray: 3.0, liquid: 0.1, time: 40.0, active: false));

        var session = Assert.Single(Queries().Sessions());
        var warning = Assert.Single(Queries().EventsOf(session.Id), e => e.Kind == EventKinds.BottleUnderPressure);
        Assert.Equal(0.372, warning.Value);
        Assert.Contains("bottle under pressure, do not open", warning.Detail, StringComparison.Ordinal);
        Assert.Contains("0.372 MPa", warning.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void The_open_session_is_checkpointed_so_a_crash_loses_at_most_one_checkpoint()
    {
        PowerOnToReady(at: 0);
        _recorder.Checkpoint(Status(spray: 3.0, liquid: 0.2, time: 11.0), Start.AddSeconds(11));

        // The process dies: nothing closes the session. The next run closes it with what it had.
        _store.Dispose();
        (_store, _recorder) = Open();
        var interrupted = _recorder.CloseInterrupted(Start.AddMinutes(5));

        var session = Assert.Single(Queries().Sessions());
        Assert.Equal([session.Id], interrupted);
        Assert.Equal(SessionEndReasons.Interrupted, session.EndReason);
        Assert.Equal(Start.AddSeconds(11), session.EndedAt);
        Assert.Equal(3.0, session.SprayS);
        Assert.Equal(10.0, session.DurationS);
        var last = Queries().EventsOf(session.Id)[^1];
        Assert.Equal(EventKinds.SessionInterrupted, last.Kind);
        Assert.Empty(_recorder.CloseInterrupted(Start.AddMinutes(6)));
    }

    [Fact]
    public void A_service_stopped_with_a_session_open_closes_it_as_stopped()
    {
        PowerOnToReady(at: 0);
        _recorder.Stop(Status(spray: 4.0, liquid: 0.3, time: 15.0), Start.AddSeconds(15));

        var session = Assert.Single(Queries().Sessions());
        Assert.Equal(SessionEndReasons.Stopped, session.EndReason);
        Assert.Equal(4.0, session.SprayS);
        Assert.Null(_recorder.OpenSessionId);
    }

    [Fact]
    public void Programs_and_their_setpoints_are_all_recorded()
    {
        PowerOnToReady(at: 0);
        Record(new ControlEvent(3.0, ControlEventKind.CommandAccepted, DeviceState.Ready, DeviceState.Ready, Command: ControlCommand.SelectProgram(2, 1)), 3.0);
        Record(new ControlEvent(4.0, ControlEventKind.CommandAccepted, DeviceState.Ready, DeviceState.Ready, Command: ControlCommand.SelectProgram(1, 2)), 4.0);

        var session = Assert.Single(Queries().Sessions());
        Assert.Equal(["cleanse", "eye"], session.Programs);
        Assert.Equal([0.40, 0.30], session.SetpointsMpa);
    }

    [Fact]
    public void With_a_record_per_program_a_program_change_closes_one_record_and_opens_the_next()
    {
        _store.Dispose();
        (_store, _recorder) = Open(sessionPerProgram: true);
        PowerOnToReady(at: 0);
        _recorder.SetClientCode("C-7");
        Record(
            new ControlEvent(10.0, ControlEventKind.CommandAccepted, DeviceState.Ready, DeviceState.Ready, Command: ControlCommand.SelectProgram(0, 1)),
            10.0,
            Status(spray: 5.0, liquid: 0.4, time: 10.0));
        Record(new ControlEvent(30.0, ControlEventKind.SessionEnded, Value: 12.0), 30.0, Status(spray: 12.0, liquid: 0.9, time: 30.0, active: false));

        var sessions = Queries().AllSessionsInOrder();
        Assert.Equal(2, sessions.Count);
        Assert.Equal(("cleanse", SessionEndReasons.ProgramChanged, 5.0, 9.0), (sessions[0].Program, sessions[0].EndReason, sessions[0].SprayS, sessions[0].DurationS));
        Assert.Equal(("acne", SessionEndReasons.Shutdown, 7.0, 20.0), (sessions[1].Program, sessions[1].EndReason, sessions[1].SprayS, sessions[1].DurationS));
        Assert.Equal(0.5, sessions[1].LiquidMl, 6);
        Assert.Equal([0.45], sessions[1].SetpointsMpa);
        Assert.All(sessions, s => Assert.Equal("C-7", s.ClientCode));
    }

    [Fact]
    public void Events_outside_a_session_belong_to_none()
    {
        Record(new ControlEvent(0.0, ControlEventKind.StateChanged, DeviceState.Off, DeviceState.SelfTest), 0.0);
        Record(new ControlEvent(0.5, ControlEventKind.StateChanged, DeviceState.SelfTest, DeviceState.Fault), 0.5);
        Record(new ControlEvent(0.5, ControlEventKind.AlarmRaised, Alarm: AlarmCode.SensorFault, Value: 1), 0.5);

        Assert.Empty(Queries().Sessions());
        var events = Queries().RecentEvents(10);
        Assert.Equal(3, events.Count);
        Assert.All(events, e => Assert.Null(e.SessionId));
        Assert.Equal("SensorFault (high) raised, value 1", events[0].Detail);
        Assert.Equal("Fault", events[0].State);
        Assert.Null(_recorder.SetClientCode("C-1"));
    }

    [Fact]
    public void A_database_from_a_newer_release_is_left_alone()
    {
        _store.Dispose();
        using (var connection = new SqliteConnection($"Data Source={_path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version=99";
            command.ExecuteNonQuery();
        }

        var problem = Assert.Throws<InvalidOperationException>(() => SessionStore.Open(_path));
        Assert.Contains("newer release", problem.Message, StringComparison.Ordinal);
        (_store, _recorder) = Open(reset: true);
    }

    [Fact]
    public void The_database_is_in_WAL_mode()
    {
        using var connection = new SqliteConnection($"Data Source={_path};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
    }

    private (SessionStore, SessionRecorder) Open(bool sessionPerProgram = false, bool reset = false)
    {
        if (reset)
        {
            SqliteConnection.ClearAllPools();
            File.Delete(_path);
        }

        var store = SessionStore.Open(_path);
        return (store, new SessionRecorder(store, ProgramDefinition.Defaults, sessionPerProgram, new PlanTable(PlanDefinition.Defaults, ProgramDefinition.Defaults)));
    }

    private SessionQueries Queries() => new(_path);

    private void PowerOnToReady(double at)
    {
        Record(new ControlEvent(at, ControlEventKind.StateChanged, DeviceState.Off, DeviceState.SelfTest), at);
        Record(new ControlEvent(at + 0.5, ControlEventKind.StateChanged, DeviceState.SelfTest, DeviceState.Idle), at + 0.5);
        Record(new ControlEvent(at + 1.0, ControlEventKind.StateChanged, DeviceState.Pressurizing, DeviceState.Ready), at + 1.0);
        Record(new ControlEvent(at + 1.0, ControlEventKind.SessionStarted, Value: 0.40), at + 1.0);
    }

    private void Record(ControlEvent controlEvent, double at, ControllerStatus? status = null)
    {
        var snapshot = status ?? Status(time: at);
        _store.Begin();
        _recorder.Record(in controlEvent, in snapshot, Start.AddSeconds(at));
        _store.Commit();
    }

    private static ControllerStatus Status(double spray = 0, double liquid = 0, double time = 0, bool active = true) => new()
    {
        Time = time,
        State = DeviceState.Ready,
        ProgramIndex = 1,
        GasSource = GasSource.Oxygen,
        SetpointMpa = 0.40,
        Session = new SessionTally { Active = active, StartedAt = 1.0, EndedAt = active ? 0 : time, SpraySeconds = spray, LiquidUsedMl = liquid },
    };
}
