using HydroOxygen.Controller.Calibration;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Persistence;
using HydroOxygen.Hal;

namespace HydroOxygen.Controller.Service;

/// <summary>How seriously a start-up finding about the stored setup must be taken.</summary>
public enum SetupSeverity
{
    Information,
    Warning,

    /// <summary>The device will not reach Ready on it (it stays in Fault with CalibrationInvalid).</summary>
    Error,
}

/// <summary>One thing found while loading the stored setup, for the log and the status.</summary>
public sealed record SetupFinding(SetupSeverity Severity, string Message);

/// <summary>
/// What the device starts with from its data directory: the calibration (or, without a usable one,
/// a calibration marked invalid so that the self-test refuses Ready) and the regulator settings
/// (the accepted tuning over the configured ones).
/// </summary>
public sealed record StoredSetup(CalibrationSet Calibration, ControllerSettings Settings, IReadOnlyList<SetupFinding> Findings)
{
    /// <summary>Where calibration, tuning and the service log live for these options.</summary>
    public static string DataDirectory(ServiceOptions options, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Path.IsPathRooted(options.Directory) ? options.Directory : Path.Combine(contentRoot, options.Directory);
    }

    /// <param name="simulatedTransducers">Whether the transducers are the simulator's: only then may a missing calibration be excused.</param>
    public static StoredSetup Load(ServiceOptions options, ControllerSettings configured, string contentRoot, bool simulatedTransducers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configured);
        var directory = DataDirectory(options, contentRoot);
        var findings = new List<SetupFinding>();
        if (options.AllowNominalCalibrationWhenMissing && !simulatedTransducers)
        {
            findings.Add(new(SetupSeverity.Warning, "Service:AllowNominalCalibrationWhenMissing is ignored: it applies to the simulator only, and real transducers are not sprayed on uncalibrated"));
            options = options with { AllowNominalCalibrationWhenMissing = false };
        }

        var calibration = LoadCalibration(new CalibrationStore(directory), options, findings);
        var settings = LoadTuning(new TuningStore(directory), configured, findings);
        return new StoredSetup(calibration, settings, findings);
    }

    private static CalibrationSet LoadCalibration(CalibrationStore store, ServiceOptions options, List<SetupFinding> findings)
    {
        var invalid = CalibrationSet.Factory with { Valid = false };
        var loaded = store.Load();
        switch (loaded.Status)
        {
            case DocumentStatus.Ok:
                var record = loaded.Value!;
                var problems = ChannelFit.Implausible(record, options.Calibration).ToList();
                if (problems.Count > 0)
                {
                    findings.Add(new(SetupSeverity.Error, $"calibration {store.Path} is outside the plausible limits ({string.Join("; ", problems.Select(p => ServiceWords.Calibration(p).ToString()))}); the device will not spray until it is calibrated again"));
                    return invalid;
                }

                findings.Add(new(SetupSeverity.Information, $"calibration revision {record.Revision} loaded from {store.Path}"));
                return record.ToSet();

            case DocumentStatus.Missing when options.AllowNominalCalibrationWhenMissing:
                findings.Add(new(SetupSeverity.Warning, $"no calibration at {store.Path}: using the transducers' nominal characteristic (Service:AllowNominalCalibrationWhenMissing is set)"));
                return CalibrationSet.Factory;

            case DocumentStatus.Missing:
                findings.Add(new(SetupSeverity.Error, $"no calibration at {store.Path}: the device will not spray until it is calibrated ('calibrate' command)"));
                return invalid;

            default:
                // Corrupt is never excused by AllowNominalCalibrationWhenMissing: something wrote a bad file.
                findings.Add(new(SetupSeverity.Error, $"calibration is corrupt ({loaded.Problem}): the device will not spray until it is calibrated again"));
                return invalid;
        }
    }

    private static ControllerSettings LoadTuning(TuningStore store, ControllerSettings configured, List<SetupFinding> findings)
    {
        var loaded = store.Load();
        switch (loaded.Status)
        {
            case DocumentStatus.Ok:
                var tuned = configured with { Regulator = loaded.Value!.Regulator };
                if (tuned.Problems(ControllerSettings.Section) is { Count: > 0 } problems)
                {
                    findings.Add(new(SetupSeverity.Warning, $"regulator tuning {store.Path} is not valid ({string.Join("; ", problems)}); regulating with the configured settings"));
                    return configured;
                }

                findings.Add(new(SetupSeverity.Information, $"regulator tuning revision {loaded.Value.Revision} ({loaded.Value.Engineer}, {loaded.Value.TunedAt:yyyy-MM-dd}) loaded from {store.Path}"));
                return tuned;

            case DocumentStatus.Missing:
                return configured;

            default:
                findings.Add(new(SetupSeverity.Warning, $"regulator tuning is corrupt ({loaded.Problem}); regulating with the configured settings until it is tuned again"));
                return configured;
        }
    }
}
