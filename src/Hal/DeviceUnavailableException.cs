namespace HydroOxygen.Hal;

/// <summary>
/// The configured hardware cannot be opened: a device is missing, misconfigured or not answering.
/// The message names the item. The controller never answers this by falling back to the simulator.
/// </summary>
public sealed class DeviceUnavailableException : Exception
{
    public DeviceUnavailableException(string message)
        : base(message)
    {
    }

    public DeviceUnavailableException(string message, Exception? inner)
        : base(message, inner)
    {
    }
}
