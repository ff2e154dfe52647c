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

    /// <summary>How long a calibration is good for, days: the certificate's due date is its date plus this.</summary>
    public double CalibrationIntervalDays { get; init; } = 365.0;

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
        errors.Range(CalibrationIntervalDays, 1, 3650, nameof(CalibrationIntervalDays));
        Calibration.Validate(errors.Section(nameof(Calibration)));
        LeakTest.Validate(errors.Section(nameof(LeakTest)));
    }
}

/// <summary>Default leak-test conditions and the pass limit.</summary>
public sealed record LeakTestOptions : ISettingsSection
{
    /// <summary>The pass limit when none is configured, kPa/min (what 0.01 MPa over the default 30 s was).</summary>
    public const double DefaultLimitKpaPerMin = 20.0;

    public double PressureMpa { get; init; } = 0.5;
    public double SettleS { get; init; } = 5.0;
    public double DurationS { get; init; } = 30.0;

    /// <summary>
    /// The pass limit: the most the isolated manifold and bottle may lose per minute, kPa/min. A rate, so
    /// the same leak passes or fails alike whatever the measuring time (issue 15, finding 6).
    /// </summary>
    public double? LimitKpaPerMin { get; init; }

    /// <summary>
    /// The older form of the limit: the most they may lose over <see cref="DurationS"/>, MPa. Read as the
    /// rate <c>LimitMpa / DurationS</c> of the options it is given with; only without <see cref="LimitKpaPerMin"/>.
    /// </summary>
    public double? LimitMpa { get; init; }

    /// <summary>The limit as a rate, kPa/min: <see cref="LimitKpaPerMin"/>, else <see cref="LimitMpa"/> over <see cref="DurationS"/>, else the default.</summary>
    public double RateLimitKpaPerMin => LimitKpaPerMin ?? (LimitMpa is { } total && DurationS > 0 ? total * 1000.0 * 60.0 / DurationS : DefaultLimitKpaPerMin);

    /// <summary>
    /// A request's values over these defaults. The defaults' limit is turned into a rate first, so a
    /// request that only changes the duration keeps the same rate; a request's own <c>limitMpa</c> is
    /// the decay allowed over its own duration.
    /// </summary>
    public LeakTestOptions With(LeakTestRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var duration = request.DurationS ?? DurationS;
        return this with
        {
            PressureMpa = request.PressureMpa ?? PressureMpa,
            SettleS = request.SettleS ?? SettleS,
            DurationS = duration,
            LimitKpaPerMin = request.LimitKpaPerMin
                ?? (request.LimitMpa is { } total ? (duration > 0 ? total * 1000.0 * 60.0 / duration : double.NaN) : RateLimitKpaPerMin),
            LimitMpa = request.LimitKpaPerMin is null ? request.LimitMpa : null,
        };
    }

    public void Validate(SettingsErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        errors.Range(PressureMpa, 0.1, 0.6, nameof(PressureMpa));
        errors.Range(SettleS, 0, 600, nameof(SettleS));
        errors.Range(DurationS, 1, 600, nameof(DurationS));
        if (LimitMpa is { } total)
        {
            errors.AboveZeroAtMost(total, 0.2, nameof(LimitMpa));
        }

        if (LimitKpaPerMin is { } rate)
        {
            errors.AboveZeroAtMost(rate, MaxLimitKpaPerMin, nameof(LimitKpaPerMin));
        }
    }

    /// <summary>The largest limit accepted, kPa/min: the older form's largest (0.2 MPa) over the shortest test (1 s).</summary>
    public const double MaxLimitKpaPerMin = 12_000.0;
}
