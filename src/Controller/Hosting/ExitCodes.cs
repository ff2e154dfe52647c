namespace HydroOxygen.Controller.Hosting;

/// <summary>Process exit codes (documented in README.md).</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>simulate: an expectation failed. Service: the control loop failed at run time.</summary>
    public const int Failed = 1;

    /// <summary>Bad command line, or an invalid scenario file.</summary>
    public const int Usage = 2;

    /// <summary>Invalid configuration (appsettings.json, environment, --Key=value overrides).</summary>
    public const int Configuration = 3;

    /// <summary>The configured hardware is missing or does not answer.</summary>
    public const int Hardware = 4;
}
