namespace HydroOxygen.Controller.Core;

/// <summary>
/// The front-panel rocker, a soft switch (DESIGN §1.1): off starts the shutdown, on starts the
/// self-test — but only after it has been seen off, so a device shut down from the API with the
/// rocker still on stays off until the technician cycles it.
/// </summary>
public sealed class PowerSwitch
{
    private bool _seenOff = true;
    private bool _shutdownFailedWhileOff;

    /// <summary>Where the switch takes a device in <paramref name="state"/>: ShuttingDown, SelfTest, or null for nowhere.</summary>
    public DeviceState? Follow(bool on, DeviceState state)
    {
        if (!on)
        {
            _seenOff = true;

            // A shutdown that already failed to vent is not retried in a loop: the device stays in
            // Fault (outputs safe) until the switch is turned on again.
            return state is not (DeviceState.Off or DeviceState.ShuttingDown) && !_shutdownFailedWhileOff ? DeviceState.ShuttingDown : null;
        }

        _shutdownFailedWhileOff = false;
        if (state == DeviceState.Off && _seenOff)
        {
            _seenOff = false;
            return DeviceState.SelfTest;
        }

        return null;
    }

    /// <summary>The shutdown could not vent: with the switch off it is not tried again until the switch is on.</summary>
    public void ShutdownFailed(bool switchOn) => _shutdownFailedWhileOff = _seenOff && !switchOn;
}
