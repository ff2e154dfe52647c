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
    UnknownPlan,
    NoPlanRunning,
    PlanAtLastStep,
    PlanAtFirstStep,
}
