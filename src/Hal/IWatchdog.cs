namespace HydroOxygen.Hal;

/// <summary>
/// Something that resets the device if it stops hearing from the control loop (systemd's
/// <c>WATCHDOG=1</c>, backed by the SoC's hardware watchdog).
/// </summary>
public interface IWatchdog
{
    /// <summary>Says "the loop is still making progress". Must be cheap and never block.</summary>
    void Kick();
}
