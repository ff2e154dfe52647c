using HydroOxygen.Controller.Calibration;

namespace HydroOxygen.Controller.Service;

/// <summary>The <c>Service</c> section of appsettings.json: the engineer's tools and what they store.</summary>
public sealed record ServiceOptions
{
    public const string Section = "Service";

    /// <summary>Where calibration, tuning and service records live; relative paths are taken from the application directory.</summary>
    public string Directory { get; init; } = "data";

    /// <summary>
    /// The engineer credential as "pbkdf2-sha256$iterations$salt$hash" (make one with
    /// <c>HydroOxygen.Controller hash-credential</c>). Without it, engineer operations are refused.
    /// </summary>
    public string? EngineerCredentialHash { get; init; }

    /// <summary>
    /// With no calibration file, run on the transducers' nominal characteristic instead of refusing
    /// Ready. Only for the simulator, whose transducers are nominal unless told otherwise; an
    /// installed device keeps this off, so that it does not spray uncalibrated.
    /// </summary>
    public bool AllowNominalCalibrationWhenMissing { get; init; }

    public CalibrationLimits Calibration { get; init; } = new();

    public LeakTestOptions LeakTest { get; init; } = new();

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Directory))
        {
            errors.Add($"{Section}:Directory: must name a directory");
        }

        if (EngineerCredentialHash is not null && !EngineerCredential.IsWellFormed(EngineerCredentialHash))
        {
            errors.Add($"{Section}:EngineerCredentialHash: not a credential hash; make one with 'HydroOxygen.Controller hash-credential' (plain text is never accepted)");
        }

        errors.AddRange(Calibration.Validate($"{Section}:Calibration"));
        errors.AddRange(LeakTest.Validate($"{Section}:LeakTest"));
        return errors;
    }
}

/// <summary>Default leak-test conditions and the pass limit.</summary>
public sealed record LeakTestOptions
{
    public double PressureMpa { get; init; } = 0.5;
    public double SettleS { get; init; } = 5.0;
    public double DurationS { get; init; } = 30.0;

    /// <summary>The most the isolated manifold and bottle may lose over the measuring time, MPa.</summary>
    public double LimitMpa { get; init; } = 0.01;

    public IReadOnlyList<string> Validate(string prefix)
    {
        var errors = new List<string>();
        if (!(PressureMpa is >= 0.1 and <= 0.6))
        {
            errors.Add($"{prefix}:PressureMpa: must be within 0.1–0.6, was {PressureMpa}");
        }

        if (!(SettleS is >= 0 and <= 600))
        {
            errors.Add($"{prefix}:SettleS: must be within 0–600, was {SettleS}");
        }

        if (!(DurationS is >= 1 and <= 600))
        {
            errors.Add($"{prefix}:DurationS: must be within 1–600, was {DurationS}");
        }

        if (!(LimitMpa is > 0 and <= 0.2))
        {
            errors.Add($"{prefix}:LimitMpa: must be above 0 and at most 0.2, was {LimitMpa}");
        }

        return errors;
    }
}
