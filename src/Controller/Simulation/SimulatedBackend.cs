namespace HydroOxygen.Controller.Simulation;

/// <summary>How the controller reaches the simulated plant.</summary>
public enum SimulatedBackend
{
    /// <summary>Simple device models (ADC channels, coils, switches) wired straight to the plant.</summary>
    Models,

    /// <summary>The real Raspberry Pi drivers (GPIO, PWM, ADS1115) over register-level fakes of the chips.</summary>
    Drivers,
}
