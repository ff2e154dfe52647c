namespace HydroOxygen.Hal;

/// <summary>
/// A section of settings (top-level or nested, in the HAL, the simulator and the controller alike)
/// that checks itself into the one collector, <see cref="SettingsErrors"/>.
/// </summary>
public interface ISettingsSection
{
    /// <summary>Adds every problem with this section under <paramref name="errors"/>'s keys.</summary>
    void Validate(SettingsErrors errors);
}
