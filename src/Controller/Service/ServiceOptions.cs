using HydroOxygen.Controller.Calibration;
using HydroOxygen.Hal;

namespace HydroOxygen.Controller.Service;

/// <summary>The <c>Service</c> section of appsettings.json: the engineer's tools and what they store.</summary>
public sealed record ServiceOptions : ISettingsSection
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

    /// <summary>
    /// How long a service session lasts without a sign of its engineer, s: a killed terminal or a
    /// closed page loses the session after this, and the device vents and goes back to its normal states.
    /// </summary>
    public double LeaseS { get; init; } = 30.0;

    public CalibrationLimits Calibration { get; init; } = new();

    public LeakTestOptions LeakTest { get; init; } = new();

    public void Validate(SettingsErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        errors.Directory(Directory, nameof(Directory));
        if (EngineerCredentialHash is not null && !EngineerCredential.IsWellFormed(EngineerCredentialHash))
        {
            errors.Add(nameof(EngineerCredentialHash), "CredentialHash", "not a credential hash; make one with 'HydroOxygen.Controller hash-credential' (plain text is never accepted)");
        }

        errors.Range(LeaseS, 5, Core.ServiceRequest.MaxLeaseS, nameof(LeaseS));
        Calibration.Validate(errors.Section(nameof(Calibration)));
        LeakTest.Validate(errors.Section(nameof(LeakTest)));
    }
}

/// <summary>Default leak-test conditions and the pass limit.</summary>
public sealed record LeakTestOptions : ISettingsSection
{
    public double PressureMpa { get; init; } = 0.5;
    public double SettleS { get; init; } = 5.0;
    public double DurationS { get; init; } = 30.0;

    /// <summary>The most the isolated manifold and bottle may lose over the measuring time, MPa.</summary>
    public double LimitMpa { get; init; } = 0.01;

    public void Validate(SettingsErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        errors.Range(PressureMpa, 0.1, 0.6, nameof(PressureMpa));
        errors.Range(SettleS, 0, 600, nameof(SettleS));
        errors.Range(DurationS, 1, 600, nameof(DurationS));
        errors.AboveZeroAtMost(LimitMpa, 0.2, nameof(LimitMpa));
    }
}
