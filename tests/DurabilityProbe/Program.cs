using System.Globalization;
using HydroOxygen.Controller.Calibration;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Persistence;
using HydroOxygen.Controller.Service;

// Saves a calibration or a regulator tuning in the given directory again and again, forever,
// printing "saved N" (N the revision written) once each save has returned. A test kills it at a
// random instant and checks that what is left on disk is one whole revision: the last printed or the next.
//
// Every figure is a function of the revision (see Figures), so a file mixing two saves shows.
// A run continues from the revision already on disk; it refuses a corrupt file (exit code 1).
//
// With "<step> <saves>" it stops inside save number saves + 1, right after the given step of the
// file replacement, prints "frozen <step>" and waits to be killed there: where a random kill lands
// is chance (on a fast disk it almost never lands inside the few microseconds of a replacement),
// so the test also puts kills at each step on purpose.
if (args.Length is not (2 or 4) || args[0] is not ("calibration" or "tuning"))
{
    await Console.Error.WriteLineAsync("usage: HydroOxygen.DurabilityProbe calibration|tuning <directory> [<step> <saves before it>]");
    return 2;
}

var directory = args[1];
if (args.Length == 4)
{
    if (!Enum.TryParse<DurableFile.Step>(args[2], out var freezeStep) || !int.TryParse(args[3], CultureInfo.InvariantCulture, out var savesBefore) || savesBefore < 0)
    {
        await Console.Error.WriteLineAsync($"unknown step '{args[2]}' or bad save count '{args[3]}'");
        return 2;
    }

    var replacements = 0;
    DurableFile.CrashAt = step =>
    {
        if (step == DurableFile.Step.TemporaryCreated)
        {
            replacements++;
        }

        if (step == freezeStep && replacements == savesBefore + 1)
        {
            Console.Out.WriteLine($"frozen {step}");
            Console.Out.Flush();
            Thread.Sleep(Timeout.Infinite);
        }
    };
}

return args[0] == "calibration" ? SaveCalibrations(directory) : SaveTunings(directory);

static int SaveCalibrations(string directory)
{
    var store = new CalibrationStore(directory);
    var loaded = store.Load();
    if (loaded.Status == DocumentStatus.Corrupt)
    {
        Console.Error.WriteLine("corrupt: " + loaded.Problem);
        return 1;
    }

    var previous = loaded.Value;
    Report("start", previous?.Revision ?? 0);
    while (true)
    {
        // The store counts on from its audit trail (a killed save may have logged a revision it never wrote).
        var revision = Math.Max(previous?.Revision ?? 0, AuditTrail.LastRevision(store.AuditPath)) + 1;
        var changes = Enum.GetValues<PressureChannel>().ToDictionary(c => c, c => Figures.Channel(revision, c));
        previous = store.Save(previous, changes, Figures.When(revision));
        Report("saved", previous.Revision);
    }
}

static int SaveTunings(string directory)
{
    var store = new TuningStore(directory);
    var loaded = store.Load();
    if (loaded.Status == DocumentStatus.Corrupt)
    {
        Console.Error.WriteLine("corrupt: " + loaded.Problem);
        return 1;
    }

    var previous = loaded.Value;
    Report("start", previous?.Revision ?? 0);
    while (true)
    {
        var revision = Math.Max(previous?.Revision ?? 0, AuditTrail.LastRevision(store.AuditPath)) + 1;
        previous = store.Save(previous, Figures.Regulator(revision), Figures.Engineer(revision), Figures.When(revision));
        Report("saved", previous.Revision);
    }
}

static void Report(string what, int revision)
{
    Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what} {revision}"));
    Console.Out.Flush();
}

/// <summary>What revision N holds (the kill test states the same figures independently).</summary>
internal static class Figures
{
    public static DateTimeOffset When(int revision) => new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(revision);

    public static string Engineer(int revision) => string.Create(CultureInfo.InvariantCulture, $"probe-{revision}");

    public static ChannelRecord Channel(int revision, PressureChannel channel) => new()
    {
        Gain = 1.0 + (revision * 1e-4) + ((int)channel * 1e-6),
        OffsetMpa = revision * 1e-6,
        CalibratedAt = When(revision),
        Engineer = Engineer(revision),
        Points = [new(0.0, -revision * 1e-6), new(0.5, 0.5 - (revision * 1e-6))],
    };

    public static RegulatorSettings Regulator(int revision) => new()
    {
        ProportionalGain = 100.0 + revision,
        IntegralGain = 200.0 + (2 * revision),
    };
}
