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

    /// <summary>Switches the regulator to the settings proposed with <see cref="SprayController.ProposeRegulatorSettings"/>.</summary>
    ApplyRegulatorSettings,
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
    Service.ServiceRequest Service = default)
{
    public static ControlCommand SetSetpoint(double mpa, long id = 0) => new(CommandKind.SetSetpoint, Value: mpa, Id: id);

    public static ControlCommand SelectProgram(int index, long id = 0) => new(CommandKind.SelectProgram, Index: index, Id: id);

    public static ControlCommand SelectSource(GasSource source, long id = 0) => new(CommandKind.SelectSource, Source: source, Id: id);

    public static ControlCommand AcknowledgeAlarms(long id = 0) => new(CommandKind.AcknowledgeAlarms, Id: id);

    public static ControlCommand Shutdown(long id = 0) => new(CommandKind.Shutdown, Id: id);

    public static ControlCommand EnterService(long id = 0) => new(CommandKind.EnterService, Id: id);

    public static ControlCommand ExitService(long id = 0) => new(CommandKind.ExitService, Id: id);

    public static ControlCommand StartService(Service.ServiceRequest request, long id = 0) => new(CommandKind.StartServiceProcedure, Id: id, Service: request);

    public static ControlCommand AbortService(long id = 0) => new(CommandKind.AbortServiceProcedure, Id: id);

    public static ControlCommand ApplyRegulatorSettings(long id = 0) => new(CommandKind.ApplyRegulatorSettings, Id: id);
}
