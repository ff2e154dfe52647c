namespace HydroOxygen.Controller.Core;

/// <summary>The controller's states (DESIGN §2.1). The names are a contract: traces, the API and scenarios use them.</summary>
public enum DeviceState : byte
{
    Off = 0,
    SelfTest,
    Idle,
    Pressurizing,
    Ready,
    Charging,
    Spraying,
    ShuttingDown,
    Fault,
    Service,
}

/// <summary>What the states mean for the units of the step.</summary>
public static class DeviceStates
{
    /// <summary>The regulator works the manifold to the setpoint in this state.</summary>
    public static bool IsRegulating(this DeviceState state) =>
        state is DeviceState.Pressurizing or DeviceState.Ready or DeviceState.Charging or DeviceState.Spraying;
}
