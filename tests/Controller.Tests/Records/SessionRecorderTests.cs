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
    public void A_treatment_runs_from_the_first_spray_to_shutdown_and_power_on_is_not_part_of_it()
    {
        PowerOnToReady(at: 0);
        Record(new ControlEvent(5.0, ControlEventKind.CommandAccepted, DeviceState.Ready, DeviceState.Ready, Command: ControlCommand.SetSetpoint(0.45, 1)), 5.0);
        Spray(from: 10, to: 20, sprayBefore: 0);
        Record(new ControlEvent(21.0, ControlEventKind.CommandAccepted, DeviceState.Ready, DeviceState.Ready, Command: ControlCommand.SelectSource(GasSource.Compressor, 2)), 21.0, Status(spray: 10, time: 21));
        Record(new ControlEvent(22.0, ControlEventKind.AlarmRaised, Alarm: AlarmCode.LiquidEmpty), 22.0, Status(spray: 10, time: 22));
        Record(new ControlEvent(23.0, ControlEventKind.AlarmCleared, Alarm: AlarmCode.LiquidEmpty), 23.0, Status(spray: 10, time: 23));
        Record(new ControlEvent(24.0, ControlEventKind.AlarmRaised, Alarm: AlarmCode.LiquidEmpty), 24.0, Status(spray: 10, time: 24));
        Spray(from: 30, to: 50, sprayBefore: 10);
        _recorder.Checkpoint(Status(spray: 30, liquid: 0.7, time: 55.0), Start.AddSeconds(55));
        Record(new ControlEvent(60.0, ControlEventKind.StateChanged, DeviceState.ShuttingDown, DeviceState.Off), 60.0, Status(spray: 30, time: 60));
        Record(new ControlEvent(60.0, ControlEventKind.SessionEnded, Value: 30.0), 60.0, Status(spray: 30.0, liquid: 1.5, time: 60.0, active: false, oxygen: 4.25));

        var session = Assert.Single(Queries().Sessions());
        Assert.Equal(Start.AddSeconds(10), session.StartedAt);
        Assert.Equal(Start.AddSeconds(60), session.EndedAt);
        Assert.Equal(SessionEndReasons.Shutdown, session.EndReason);
        Assert.Equal(50.0, session.DurationS);
        Assert.Equal("cleanse", session.Program);
        Assert.Equal(["oxygen", "compressor"], session.GasSources);
        Assert.Equal([0.40], session.SetpointsMpa);
        Assert.Equal(30.0, session.SprayS);
        Assert.Equal(1.5, session.LiquidMl);
        Assert.Equal(4.25, session.OxygenL);
        Assert.Equal(2, session.AlarmCount);
        Assert.Equal(["LiquidEmpty"], session.Alarms);
        Assert.Null(session.ClientCode);

        var events = Queries().EventsOf(session.Id);
        Assert.Equal(EventKinds.SessionStarted, events[0].Kind);
        Assert.Equal("Ready → Spraying", events[1].Detail);
        Assert.All(events, e => Assert.Equal(session.Id, e.SessionId));
        Assert.DoesNotContain(events, e => e.Detail == "Off → SelfTest");
        Assert.Contains(events, e => e.Kind == EventKinds.AlarmRaised && e.Code == "LiquidEmpty" && e.State == "Ready");
        Assert.Equal(EventKinds.SessionEnded, events[^1].Kind);
        Assert.Contains(Queries().RecentEvents(100), e => e.Detail == "Off → SelfTest" && e.SessionId is null);
    }

    /// <summary>Issue 15 finding 10: power-on housekeeping and program changes without spraying made empty records.</summary>
    [Fact]
    public void Power_on_and_program_changes_without_a_spray_are_not_treatments()
    {
        PowerOnToReady(at: 0);
        Record(new ControlEvent(3.0, ControlEventKind.CommandAccepted, DeviceState.Ready, DeviceState.Ready, Command: ControlCommand.SelectProgram(2, 1)), 3.0);
        Record(new ControlEvent(4.0, ControlEventKind.CommandAccepted, DeviceState.Ready, DeviceState.Ready, Command: ControlCommand.SelectProgram(0, 2)), 4.0);
        Record(new ControlEvent(40.0, ControlEventKind.StateChanged, DeviceState.ShuttingDown, DeviceState.Off), 40.0);
        Record(new ControlEvent(40.0, ControlEventKind.SessionEnded, Value: 0.0), 40.0, Status(time: 40.0, active: false));

        Assert.Empty(Queries().Sessions());
        Assert.Null(_recorder.OpenSessionId);
    }

    /// <summary>The start-of-day check sprays to measure the pen's flow: that is not a client's treatment.</summary>
    [Fact]
    public void The_start_of_day_checks_spray_is_not_a_treatment_but_the_next_spray_is()
    {
        PowerOnToReady(at: 0);
        var checking = Status(time: 10, state: DeviceState.Spraying);
        checking.DayRoutine = new DayRoutineProgress { Kind = DayRoutineKind.StartOfDayCheck };
        Record(new ControlEvent(10.0, ControlEventKind.StateChanged, DeviceState.Ready, DeviceState.Spraying), 10.0, checking);
        Record(new ControlEvent(13.0, ControlEventKind.StateChanged, DeviceState.Spraying, DeviceState.Ready), 13.0, Status(spray: 3, time: 13));
        Assert.Empty(Queries().Sessions());

        Spray(from: 30, to: 40, sprayBefore: 3);
        var treatment = Assert.Single(Queries().Sessions());
        Assert.Equal(Start.AddSeconds(30), treatment.StartedAt);
    }

    /// <summary>Issue 15 finding 10: one record per client, not one per power-on.</summary>
    [Fact]
    public void No_spray_for_the_idle_time_ends_the_treatment_at_its_last_spray_and_the_next_spray_starts_the_next()
    {
        PowerOnToReady(at: 0);
        Spray(from: 10, to: 70, sprayBefore: 0);
        Spray(from: 300, to: 360, sprayBefore: 60);

        // 10 minutes without a spray: the first client's treatment ended at 360 s.
        _recorder.Checkpoint(Status(spray: 120, liquid: 2.0, time: 961), Start.AddSeconds(961));
        Assert.Null(_recorder.OpenSessionId);
        Spray(from: 1200, to: 1230, sprayBefore: 120);
        Record(new ControlEvent(1300.0, ControlEventKind.SessionEnded, Value: 150.0), 1300.0, Status(spray: 150, liquid: 2.5, time: 1300, active: false));

        var treatments = Queries().AllSessionsInOrder();
        Assert.Equal(2, treatments.Count);
        Assert.Equal((Start.AddSeconds(10), Start.AddSeconds(360), SessionEndReasons.Idle, 350.0, 120.0), (treatments[0].StartedAt, treatments[0].EndedAt, treatments[0].EndReason, treatments[0].DurationS, treatments[0].SprayS));
        Assert.Equal((Start.AddSeconds(1200), SessionEndReasons.Shutdown, 100.0, 30.0), (treatments[1].StartedAt, treatments[1].EndReason, treatments[1].DurationS, treatments[1].SprayS));
        Assert.Equal(0.5, treatments[1].LiquidMl, 6);
    }

    [Fact]
    public void The_open_treatment_is_checkpointed_so_a_crash_loses_at_most_one_checkpoint()
    {
        PowerOnToReady(at: 0);
        Spray(from: 1, to: 4, sprayBefore: 0);
        _recorder.Checkpoint(Status(spray: 3.0, liquid: 0.2, time: 11.0), Start.AddSeconds(11));

        // The process dies: nothing closes the treatment. The next run closes it with what it had.
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
    public void A_service_stopped_with_a_treatment_open_closes_it_as_stopped()
    {
        PowerOnToReady(at: 0);
        Spray(from: 2, to: 6, sprayBefore: 0);
        _recorder.Stop(Status(spray: 4.0, liquid: 0.3, time: 15.0), Start.AddSeconds(15));

        var session = Assert.Single(Queries().Sessions());
        Assert.Equal(SessionEndReasons.Stopped, session.EndReason);
        Assert.Equal(4.0, session.SprayS);
        Assert.Null(_recorder.OpenSessionId);
    }

    [Fact]
    public void Programs_and_their_setpoints_chosen_during_a_treatment_are_all_recorded()
    {
        PowerOnToReady(at: 0);
        Spray(from: 2, to: 3, sprayBefore: 0);
        Record(new ControlEvent(3.5, ControlEventKind.CommandAccepted, DeviceState.Ready, DeviceState.Ready, Command: ControlCommand.SelectProgram(2, 1)), 3.5);
        Record(new ControlEvent(4.0, ControlEventKind.CommandAccepted, DeviceState.Ready, DeviceState.Ready, Command: ControlCommand.SelectProgram(1, 2)), 4.0);

        var session = Assert.Single(Queries().Sessions());
        Assert.Equal(["cleanse", "eye"], session.Programs);
        Assert.Equal([0.40, 0.30], session.SetpointsMpa);
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

    [Fact]
    public void Starting_a_plan_begins_a_treatment_which_keeps_the_plan_and_the_spray_seconds_of_each_step()
    {
        PowerOnToReady(at: 0);
        var plan = PlanProgress.None with { Plan = 0, Running = true, StepCount = 9, StartedAt = 2.0 };
        Record(new ControlEvent(2.0, ControlEventKind.CommandAccepted, DeviceState.Ready, DeviceState.Ready, Command: ControlCommand.StartPlan(0)), 2.0, Status(time: 2.0) with { Plan = plan });
        Assert.Single(Queries().Sessions());

        plan.AddSpray(3.25);
        plan.Step = 3;
        plan.AddSpray(6.5);
        _recorder.Checkpoint(Status(spray: 9.75, liquid: 0.5, time: 20.0) with { Plan = plan }, Start.AddSeconds(20));

        // The power-on after the shutdown forgets the plan before the end is drained: the record keeps it.
        plan.Step = 8;
        plan.AddSpray(2.0);
        Record(new ControlEvent(40.0, ControlEventKind.SessionEnded, Value: 11.75), 40.0, Status(spray: 11.75, liquid: 1.0, time: 40.0, active: false) with { Plan = plan });
        Record(new ControlEvent(41.0, ControlEventKind.StateChanged, DeviceState.Off, DeviceState.SelfTest), 41.0, Status(time: 41.0, active: false) with { Plan = PlanProgress.None });

        var session = Assert.Single(Queries().Sessions());
        Assert.Equal("acne", session.Plan);
        Assert.Equal([3.25, 0, 0, 6.5, 0, 0, 0, 0, 2.0], session.PlanStepSprayS);
        Assert.Equal(session.SprayS, session.PlanStepSprayS!.Sum(), 6);
        Assert.EndsWith(",acne,3.25;0;0;6.5;0;0;0;0;2,acne=3.25;0;0;6.5;0;0;0;0;2\n", SessionCsv.Sessions([session]), StringComparison.Ordinal);
        Assert.Equal("acne", Assert.Single(session.Plans!).Plan);
    }

    [Fact]
    public void Every_plan_run_during_a_treatment_is_kept_with_its_spray_seconds_per_step()
    {
        PowerOnToReady(at: 0);
        var acne = PlanProgress.None with { Plan = 0, Running = true, StepCount = 9, StartedAt = 2.0 };
        Record(new ControlEvent(2.0, ControlEventKind.CommandAccepted, DeviceState.Ready, DeviceState.Ready, Command: ControlCommand.StartPlan(0)), 2.0, Status(time: 2.0) with { Plan = acne });
        acne.AddSpray(3.0);
        acne.Running = false;
        acne.EndedAt = 10.0;
        _recorder.Checkpoint(Status(spray: 3.0, time: 10.0) with { Plan = acne }, Start.AddSeconds(10));

        // A second plan in the same treatment, then the first one again: three runs, in order.
        var gentle = PlanProgress.None with { Plan = 1, Running = true, StepCount = acne.StepCount, StartedAt = 12.0 };
        Record(new ControlEvent(12.0, ControlEventKind.CommandAccepted, DeviceState.Ready, DeviceState.Ready, Command: ControlCommand.StartPlan(1)), 12.0, Status(spray: 3.0, time: 12.0) with { Plan = gentle });
        gentle.AddSpray(2.0);
        _recorder.Checkpoint(Status(spray: 5.0, time: 20.0) with { Plan = gentle }, Start.AddSeconds(20));
        var again = PlanProgress.None with { Plan = 0, Running = true, StepCount = 9, StartedAt = 22.0 };
        again.AddSpray(1.5);
        _recorder.Checkpoint(Status(spray: 6.5, time: 30.0) with { Plan = again }, Start.AddSeconds(30));

        var session = Assert.Single(Queries().Sessions());
        var planNames = new PlanTable(PlanDefinition.Defaults, ProgramDefinition.Defaults);
        Assert.Equal([planNames.PlanName(0), planNames.PlanName(1), planNames.PlanName(0)], session.Plans!.Select(p => p.Plan));
        Assert.Equal(3.0, session.Plans![0].StepSprayS[0]);
        Assert.Equal(2.0, session.Plans[1].StepSprayS[0]);
        Assert.Equal(1.5, session.Plans[2].StepSprayS[0]);
        Assert.Equal(session.SprayS, session.Plans.Sum(p => p.StepSprayS.Sum()), 6);
        Assert.Equal(planNames.PlanName(0), session.Plan);
        Assert.Contains("|", SessionCsv.Sessions([session]), StringComparison.Ordinal);
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
                    SessionSchema.Create, @",\s*plan\s+TEXT,\s*plan_step_spray_s TEXT NOT NULL DEFAULT ''", "")
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

    private (SessionStore, SessionRecorder) Open(bool reset = false)
    {
        if (reset)
        {
            SqliteConnection.ClearAllPools();
            File.Delete(_path);
        }

        var store = SessionStore.Open(_path);
        return (store, new SessionRecorder(store, ProgramDefinition.Defaults, treatmentIdleS: 600, plans: new PlanTable(PlanDefinition.Defaults, ProgramDefinition.Defaults)));
    }

    private SessionQueries Queries() => new(_path);

    private void PowerOnToReady(double at)
    {
        Record(new ControlEvent(at, ControlEventKind.StateChanged, DeviceState.Off, DeviceState.SelfTest), at);
        Record(new ControlEvent(at + 0.5, ControlEventKind.StateChanged, DeviceState.SelfTest, DeviceState.Idle), at + 0.5);
        Record(new ControlEvent(at + 1.0, ControlEventKind.StateChanged, DeviceState.Pressurizing, DeviceState.Ready), at + 1.0);
        Record(new ControlEvent(at + 1.0, ControlEventKind.SessionStarted, Value: 0.40), at + 1.0);
    }

    /// <summary>The pedal held from <paramref name="from"/> to <paramref name="to"/> s; the core's tally had <paramref name="sprayBefore"/> s.</summary>
    private void Spray(double from, double to, double sprayBefore)
    {
        Record(new ControlEvent(from, ControlEventKind.StateChanged, DeviceState.Ready, DeviceState.Spraying), from, Status(spray: sprayBefore, liquid: sprayBefore / 60, time: from, state: DeviceState.Spraying));
        var after = sprayBefore + (to - from);
        Record(new ControlEvent(to, ControlEventKind.StateChanged, DeviceState.Spraying, DeviceState.Ready), to, Status(spray: after, liquid: after / 60, time: to));
    }

    private void Record(ControlEvent controlEvent, double at, ControllerStatus? status = null)
    {
        var snapshot = status ?? Status(time: at);
        _store.Begin();
        _recorder.Record(in controlEvent, in snapshot, Start.AddSeconds(at));
        _store.Commit();
    }

    private static ControllerStatus Status(double spray = 0, double liquid = 0, double time = 0, bool active = true, double oxygen = 0, DeviceState state = DeviceState.Ready) => new()
    {
        Time = time,
        State = state,
        ProgramIndex = 1,
        GasSource = GasSource.Oxygen,
        SetpointMpa = 0.40,
        Session = new SessionTally { Active = active, StartedAt = 1.0, EndedAt = active ? 0 : time, SpraySeconds = spray, LiquidUsedMl = liquid, OxygenLitres = oxygen },
    };
}
