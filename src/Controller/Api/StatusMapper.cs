using System.Globalization;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Hosting;
using HydroOxygen.Controller.Localization;
using HydroOxygen.Controller.Records;

namespace HydroOxygen.Controller.Api;

/// <summary>Turns the loop's status snapshot into the API's status document (off the tick; allocates).</summary>
public sealed class StatusMapper(ControllerRuntime runtime, LoopClock loopClock, RecordsWriter records, Telemetry.TelemetryState? telemetry = null)
{
    /// <summary>Reads the latest snapshot and describes it.</summary>
    public StatusResponse Current()
    {
        var status = runtime.Status.Read();
        return Describe(in status);
    }

    public StatusResponse Describe(in ControllerStatus status)
    {
        loopClock.Observe(in status);
        var programs = runtime.Core.Programs;
        var session = status.Session;
        return new StatusResponse(
            State: status.State.ToString(),
            StateSince: loopClock.ToWall(status.StateSince),
            Program: DeviceNames.Program(programs, status.ProgramIndex),
            GasSource: DeviceNames.Source(status.GasSource),
            SetpointMpa: Math.Round(status.SetpointMpa, 4),
            SetpointRange: AllowedRange(programs, status.ProgramIndex),
            Pressures: new Pressures(Mpa(status.POutMpa), Mpa(status.PBottleMpa), Mpa(status.PSrcMpa), FaultySensors(in status)),
            Pedal: status.FootSwitchPressed,
            LiquidPresent: status.LiquidPresent,
            Alarms: Alarms(in status),
            Session: new SessionResponse(
                session.Active,
                session.Active || session.EndedAt > 0 ? loopClock.ToWall(session.StartedAt) : null,
                Math.Round(Math.Max(0.0, session.ElapsedS(status.Time)), 1),
                Math.Round(session.SpraySeconds, 1),
                Math.Round(session.LiquidUsedMl, 2),
                session.Active ? records.OpenSessionId : null),
            Loop: LoopTiming(),
            Time: loopClock.ToWall(status.Time),
            Telemetry: telemetry?.Describe(),
            BottleUnderPressure: BottleWarning(in status),
            Plan: PlanStatus(in status),
            DayRoutine: DayRoutineEndpoints.Describe(status.DayRoutine, loopClock, ResourceText.Current));
    }

    private PlanStatusResponse? PlanStatus(in ControllerStatus status)
    {
        var plan = status.Plan;
        if (!plan.Running)
        {
            return null;
        }

        var plans = runtime.Core.Plans;
        return new PlanStatusResponse(
            plans.PlanName(plan.Plan),
            plan.Step + 1,
            plan.StepCount,
            plans.RegionName(plan.Region),
            plan.Passes,
            Math.Round(plan.StepSprayS(plan.Step), 1),
            Math.Round(plan.SpraySeconds, 1));
    }

    /// <summary>The status's "bottle under pressure, do not open", or null (also on the engineer's service status).</summary>
    public static BottleWarningResponse? BottleWarning(in ControllerStatus status) => status.BottleUnderPressure
        ? new BottleWarningResponse(Mpa(status.PBottleMpa), status.PBottleDoubted, BottleNotice(status.PBottleMpa, status.PBottleDoubted))
        : null;

    /// <summary>"Bottle under pressure, do not open" in the reader's language (the log and records keep English).</summary>
    private static string BottleNotice(double bottleMpa, bool sensorFaulty) =>
        ResourceText.Current[sensorFaulty ? "Status.BottleMayBeUnderPressure" : "Status.BottleUnderPressure", bottleMpa.ToString("0.000", CultureInfo.InvariantCulture)];

    /// <summary>The loop's timing statistics; reading them never waits for, or holds up, a tick.</summary>
    private LoopTimingResponse LoopTiming()
    {
        var timing = runtime.Scheduler.Timing.Snapshot();
        return new LoopTimingResponse(
            runtime.Core.Settings.LoopRateHz,
            timing.Ticks,
            timing.Overruns,
            timing.SkippedDeadlines,
            Us(timing.MeanPeriodUs),
            Us(timing.MinPeriodUs),
            Us(timing.MaxPeriodUs),
            Us(timing.LatenessP99Us),
            Us(timing.LatenessMaxUs),
            Us(timing.MaxStepUs));
    }

    public static SetpointRange AllowedRange(IReadOnlyList<ProgramDefinition> programs, int programIndex) => new(
        PressureLimits.MinSetpointMpa,
        (uint)programIndex < (uint)programs.Count ? Math.Min(programs[programIndex].CeilingMpa, PressureLimits.MaxSetpointMpa) : PressureLimits.MaxSetpointMpa);

    private List<AlarmResponse> Alarms(in ControllerStatus status)
    {
        var alarms = new List<AlarmResponse>();
        var states = status.Alarms;
        for (var i = 0; i < AlarmCatalog.Count; i++)
        {
            var alarm = states[i];
            if (alarm.Latched)
            {
                var code = (AlarmCode)i;
                alarms.Add(new AlarmResponse(
                    code.ToString(),
                    DeviceNames.Priority(AlarmCatalog.PriorityOf(code)),
                    loopClock.ToWall(alarm.Since),
                    alarm.Acknowledged,
                    alarm.Active));
            }
        }

        // Highest priority first, then the newest: the order a technician should read them in.
        alarms.Sort((a, b) => Rank(b.Priority).CompareTo(Rank(a.Priority)) is var byPriority and not 0 ? byPriority : b.Since.CompareTo(a.Since));
        return alarms;
    }

    private static int Rank(string priority) => priority switch
    {
        "high" => 3,
        "medium" => 2,
        _ => 1,
    };

    private static List<string> FaultySensors(in ControllerStatus status)
    {
        var faulty = new List<string>(3);
        if (status.POutFaulty)
        {
            faulty.Add("out");
        }

        if (status.PBottleFaulty)
        {
            faulty.Add("bottle");
        }

        if (status.PSrcFaulty)
        {
            faulty.Add("src");
        }

        return faulty;
    }

    private static double Mpa(double value) => double.IsFinite(value) ? Math.Round(value, 4) : 0.0;

    private static double Us(double value) => Math.Round(value, 1);
}
