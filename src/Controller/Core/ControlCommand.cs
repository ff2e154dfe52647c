namespace HydroOxygen.Controller.Core;

/// <summary>What an operator (API, dashboard, scenario) can ask of the control loop.</summary>
public enum CommandKind : byte
{
    SetSetpoint,
    SelectProgram,
    SelectSource,
    AcknowledgeAlarms,
    Shutdown,
    EnterService,
    ExitService,

    /// <summary>Starts a service procedure (in <see cref="DeviceState.Service"/> only).</summary>
    StartServiceProcedure,

    /// <summary>Stops the running service procedure and returns the outputs to safe.</summary>
    AbortServiceProcedure,

    /// <summary>
    /// Switches the regulator to the settings proposed with <see cref="SprayController.ProposeRegulatorSettings"/>
    /// (in <see cref="DeviceState.Service"/> only): kept when the engineer confirmed them, or only on
    /// trial (for a step test) and reverted when the device leaves Service.
    /// </summary>
    ApplyRegulatorSettings,

    /// <summary>The engineer holding the service session is still there (in <see cref="DeviceState.Service"/> only).</summary>
    RenewServiceLease,

    /// <summary>Starts a treatment plan (<see cref="ControlCommand.Index"/>) at its first step.</summary>
    StartPlan,

    /// <summary>Moves the running plan to its next step.</summary>
    NextPlanStep,

    /// <summary>Moves the running plan back to its previous step.</summary>
    PreviousPlanStep,

    /// <summary>Ends the running plan; the program and setpoint stay as they are.</summary>
    EndPlan,

    /// <summary>Starts the start-of-day check on the gas selected (DESIGN §2.8).</summary>
    StartDayCheck,

    /// <summary>Starts the end-of-day purge: the source is closed and the device waits in Idle for the pedal.</summary>
    StartDayPurge,

    /// <summary>Stops the running daily routine, or takes down the purge's "clean the pen" prompt.</summary>
    StopDayRoutine,
}

/// <summary>
/// A command for the control step: a small value (no strings), so that it crosses the bounded queue
/// into the tick without allocating. Programs are referred to by their index in the program table.
/// </summary>
public readonly record struct ControlCommand(
    CommandKind Kind,
    double Value = 0.0,
    int Index = -1,
    GasSource Source = GasSource.None,
    long Id = 0,
    ServiceRequest Service = default)
{
    public static ControlCommand SetSetpoint(double mpa, long id = 0) => new(CommandKind.SetSetpoint, Value: mpa, Id: id);

    public static ControlCommand SelectProgram(int index, long id = 0) => new(CommandKind.SelectProgram, Index: index, Id: id);

    public static ControlCommand SelectSource(GasSource source, long id = 0) => new(CommandKind.SelectSource, Source: source, Id: id);

    public static ControlCommand AcknowledgeAlarms(long id = 0) => new(CommandKind.AcknowledgeAlarms, Id: id);

    public static ControlCommand Shutdown(long id = 0) => new(CommandKind.Shutdown, Id: id);

    public static ControlCommand EnterService(long id = 0) => new(CommandKind.EnterService, Id: id);

    public static ControlCommand ExitService(long id = 0) => new(CommandKind.ExitService, Id: id);

    /// <summary>Enters Service for an engineer, who holds the session while signs of them come within the lease.</summary>
    public static ControlCommand EnterServiceFor(int owner, double leaseS, long id = 0) =>
        new(CommandKind.EnterService, Id: id, Service: ServiceRequest.Session(owner, leaseS));

    /// <summary>Leaves Service (venting first) on behalf of the engineer holding the session.</summary>
    public static ControlCommand ExitServiceFor(int owner, long id = 0) => new(CommandKind.ExitService, Id: id, Service: ServiceRequest.Session(owner));

    public static ControlCommand RenewServiceLease(int owner) => new(CommandKind.RenewServiceLease, Service: ServiceRequest.Session(owner));

    public static ControlCommand StartService(ServiceRequest request, long id = 0) => new(CommandKind.StartServiceProcedure, Id: id, Service: request);

    public static ControlCommand AbortService(long id = 0) => new(CommandKind.AbortServiceProcedure, Id: id);

    /// <summary>The regulator settings proposed, kept after the device leaves Service (the engineer confirmed them).</summary>
    public static ControlCommand ApplyRegulatorSettings(long id = 0) => new(CommandKind.ApplyRegulatorSettings, Index: KeptSettings, Id: id);

    /// <summary>The regulator settings proposed, on trial: the device goes back to the kept ones when it leaves Service.</summary>
    public static ControlCommand TryRegulatorSettings(long id = 0) => new(CommandKind.ApplyRegulatorSettings, Index: TrialSettings, Id: id);

    public static ControlCommand StartPlan(int plan, long id = 0) => new(CommandKind.StartPlan, Index: plan, Id: id);

    public static ControlCommand NextPlanStep(long id = 0) => new(CommandKind.NextPlanStep, Id: id);

    public static ControlCommand PreviousPlanStep(long id = 0) => new(CommandKind.PreviousPlanStep, Id: id);

    public static ControlCommand EndPlan(long id = 0) => new(CommandKind.EndPlan, Id: id);

    public static ControlCommand StartDayCheck(long id = 0) => new(CommandKind.StartDayCheck, Id: id);

    public static ControlCommand StartDayPurge(long id = 0) => new(CommandKind.StartDayPurge, Id: id);

    public static ControlCommand StopDayRoutine(long id = 0) => new(CommandKind.StopDayRoutine, Id: id);

    public bool IsPlanCommand => Kind is CommandKind.StartPlan or CommandKind.NextPlanStep or CommandKind.PreviousPlanStep or CommandKind.EndPlan;

    /// <summary>
    /// A plan command with its target filled in from the plan's progress: <see cref="Index"/> the plan,
    /// <see cref="Value"/> the step (0-based) it goes to. The core judges, carries out and logs the
    /// resolved command, so that a refusal can name the step and its program whatever happens after.
    /// </summary>
    public ControlCommand ResolvedFor(in PlanProgress plan) => Kind switch
    {
        CommandKind.StartPlan => this with { Value = 0 },
        CommandKind.NextPlanStep => this with { Index = plan.Running ? plan.Plan : -1, Value = plan.Step + 1 },
        CommandKind.PreviousPlanStep => this with { Index = plan.Running ? plan.Plan : -1, Value = plan.Step - 1 },
        CommandKind.EndPlan => this with { Index = plan.Running ? plan.Plan : -1, Value = plan.Step },
        _ => this,
    };

    /// <summary>The step a resolved plan command goes to, 0-based.</summary>
    public int PlanStepIndex => (int)Value;

    /// <summary>Whether an <see cref="CommandKind.ApplyRegulatorSettings"/> keeps the settings beyond the service visit.</summary>
    public bool KeepsRegulatorSettings => Kind == CommandKind.ApplyRegulatorSettings && Index == KeptSettings;

    private const int TrialSettings = 0;
    private const int KeptSettings = 1;
}
