using HydroOxygen.Controller.Calibration;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Localization;

namespace HydroOxygen.Controller.Service;

/// <summary>The control core's names (states, procedures, failures, alarms) as parts of an engineer's sentence.</summary>
public static class ServiceWords
{
    public static ServiceText State(DeviceState state) => new("State." + state);

    public static ServiceText Procedure(ServiceProcedureKind kind) => new(kind switch
    {
        ServiceProcedureKind.HoldPressure or ServiceProcedureKind.LeakTest or ServiceProcedureKind.StepTest or ServiceProcedureKind.ValvePulse => "Service.Procedure." + kind,
        _ => "Service.Procedure.Other",
    });

    public static ServiceText Phase(ServicePhase phase) => new("Service.Phase." + phase);

    public static ServiceText Failure(ServiceFailure failure) => failure switch
    {
        ServiceFailure.CouldNotReachPressure or ServiceFailure.TimedOut or ServiceFailure.Aborted or ServiceFailure.LeftService => new("Service.Failure." + failure),
        _ => ServiceText.Verbatim(failure.ToString()),
    };

    /// <summary>Why a calibration is not believed (a fit's or a stored record's), as a sentence of the table.</summary>
    public static ServiceText Calibration(CalibrationProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return new ServiceText(problem.Key, problem.Arguments);
    }

    /// <summary>Sentences one after another, as each language separates them ("; " or "；").</summary>
    public static ServiceText Joined(IReadOnlyList<ServiceText> sentences) =>
        ServiceText.Said(text => string.Join(text.Language == Languages.Chinese ? "；" : "; ", sentences.Select(s => s.In(text))));

    /// <summary>"the device left service mode during the leak test (Fault: OverPressure)".</summary>
    public static ServiceText LeftDuring(ServiceProcedureKind kind, ControllerStatus status)
    {
        var latched = Enum.GetValues<AlarmCode>().Where(c => status.Alarms[(int)c].Latched).Select(c => new ServiceText("Service.Alarm", new ServiceText($"Alarm.{c}.Name"), c.ToString())).ToList();
        return latched.Count == 0
            ? new ServiceText("Service.LeftDuring", Procedure(kind), State(status.State))
            : new ServiceText("Service.LeftDuringWithAlarms", Procedure(kind), State(status.State), latched);
    }

    /// <summary>
    /// A request the control core finds invalid (<see cref="ServiceRequest.Problem"/>, English): its
    /// figures said again in the engineer's language where the table has the sentence.
    /// </summary>
    public static ServiceException RequestProblem(ServiceRequest request, string problem) => request.Kind switch
    {
        ServiceProcedureKind.HoldPressure when !(request.TargetMpa is >= 0.0 and <= PressureLimits.MaxSetpointMpa) =>
            new(new ServiceText("Service.HoldTargetOutside", request.TargetMpa, PressureLimits.MaxSetpointMpa), "target"),
        ServiceProcedureKind.LeakTest when !(request.TargetMpa is >= 0.1 and <= PressureLimits.MaxSetpointMpa) =>
            new(new ServiceText("Service.LeakPressureOutside", request.TargetMpa, PressureLimits.MaxSetpointMpa), "pressure"),
        ServiceProcedureKind.StepTest when !(request.FromMpa is >= PressureLimits.MinSetpointMpa and <= PressureLimits.MaxSetpointMpa)
            || !(request.ToMpa is >= PressureLimits.MinSetpointMpa and <= PressureLimits.MaxSetpointMpa) =>
            new(new ServiceText("Service.StepOutside", PressureLimits.MinSetpointMpa, PressureLimits.MaxSetpointMpa)),
        _ => new(problem),
    };
}
