namespace HydroOxygen.Controller.Core;

/// <summary>Why a command was or was not carried out.</summary>
public enum CommandOutcome : byte
{
    Accepted = 0,
    SetpointNotANumber,
    SetpointOutOfRange,
    SetpointAboveProgramCeiling,
    UnknownProgram,
    ProgramRequiresOxygen,
    UnknownSource,
    NotAllowedInState,
    InvalidServiceRequest,
    ServiceBusy,
    NothingToApply,

    /// <summary>Another engineer holds the service session.</summary>
    ServiceHeldByOther,

    /// <summary>The service session is ending (venting before the normal states).</summary>
    ServiceLeaving,

    UnknownPlan,
    NoPlanRunning,
    PlanAtLastStep,
    PlanAtFirstStep,

    /// <summary>A daily routine (check or purge) is running: one at a time.</summary>
    DayRoutineRunning,

    /// <summary>The start-of-day check needs a gas source chosen.</summary>
    NoSourceChosen,
}
