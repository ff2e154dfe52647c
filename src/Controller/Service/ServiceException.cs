namespace HydroOxygen.Controller.Service;

/// <summary>A service operation could not be carried out; the message says why, in the engineer's terms.</summary>
public class ServiceException : Exception
{
    public ServiceException(string message)
        : base(message)
    {
    }

    public ServiceException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>Another engineer operation is already running.</summary>
public sealed class ServiceBusyException() : ServiceException("another service operation is running; wait for it to finish");

/// <summary>Another engineer holds the service session: who, and what the device is doing for them.</summary>
public sealed class ServiceHeldException(string owner, string step)
    : ServiceException($"the device is in service with {owner} ({step}); nothing was done")
{
    public string Owner => owner;

    public string Step => step;
}
