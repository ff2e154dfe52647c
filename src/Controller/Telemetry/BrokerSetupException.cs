namespace HydroOxygen.Controller.Telemetry;

/// <summary>
/// A connection that cannot even be attempted as configured (a certificate or password file missing,
/// unreadable or too open). Reported like a refused connection and retried: the files may be fixed
/// while the controller runs on.
/// </summary>
public sealed class BrokerSetupException(string message, Exception? inner = null) : Exception(message, inner);
