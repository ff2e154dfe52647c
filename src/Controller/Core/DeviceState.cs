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
