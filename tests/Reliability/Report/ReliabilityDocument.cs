using System.Text;
using System.Text.RegularExpressions;

namespace HydroOxygen.Reliability.Report;

/// <summary>
/// docs/RELIABILITY.md: a fixed introduction and one generated section per command, each between
/// its own markers, so that <c>campaign</c> and <c>soak</c> each rewrite only what they measured.
/// </summary>
public static partial class ReliabilityDocument
{
    public const string CampaignSection = "campaign";
    public const string SoakSection = "soak";
    public const string RoutineSection = "routine";

    private const string Introduction = """
        # Reliability

        Evidence that the controller reacts to every fault of DESIGN §3.1 the way DESIGN §2.5 says, in
        every state a fault can meet it in, and that a long working day leaves nothing behind. Everything
        here runs the unmodified control core (`SprayController` through `ControlCycle`) against the
        simulated plant in virtual time (`SimulationRunner`, default plant parameters); the sections below
        are written by the commands they name, on the machine they name.

        | what | where | CI |
        |---|---|---|
        | fault campaign: fault × state → alarm, priority, time to safe state, peak true pressure | `tests/Reliability/Campaign` (the table of expectations is `FaultTable.cs`, rows not yet fixed are named in `KnownFailures.cs`) | `tests/ClosedLoop.Tests/Reliability/FaultCampaignTests.cs`: every row, both backends |
        | soak: a working day of random sessions | `tests/Reliability/Soak` | `tests/ClosedLoop.Tests/Reliability/SoakTests.cs`: half a simulated hour in 5-minute periods |
        | routine use: generated sequences of routine actions on a healthy device (DESIGN §2.5) | `tests/Reliability/Routine` | `tests/ClosedLoop.Tests/Properties/RoutineUseProperties.cs`: 150 sequences |

        Invariants checked on every tick of every run (campaign, soak and routine use), by `SafetyMonitor`:

        - the **true** manifold and bottle pressures never exceed 0.70 MPa (the relief valve's setting);
        - the spray valve is never commanded open unless the pedal is held and the state is `Spraying`, and is
          never physically open with the pedal up for longer than the solenoid's drop-out (20 ms). A welded
          foot-switch contact (`pedal_stuck`) reads as a held pedal on a single-channel switch, and a
          `spray_stuck_open` valve is open whatever is commanded: only while those are injected are the
          spray checks judged on the contact / waived;
        - in `Fault` the outputs are in the safe pattern (`ControlOutputs.IsSafe`: source, inlet, charge and
          spray closed, vent open, compressor off);
        - the setpoint is always within 0.30–0.60 MPa and at most the selected program's ceiling;
        - no mist leaves the pen with the foot off the pedal (DESIGN §2.5, the dead-man rule), judged on the plant:
          only the hose emptying within 0.5 s of a spray is excused, and a `spray_stuck_open` valve only until the
          controller has detected it (plus 1 s for the manifold to blow down) and never while the controller itself
          vents the bottle through the manifold.

        The campaign, soak and routine-use sections are written by their commands, each between its own pair of
        begin/end comment markers; a command replaces only its own section. The sections after them
        (property tests, bad input, fuzzing, durability, disk faults, access) are kept by hand from the
        test runs they name and are left as they are by the commands.

        """;

    public static void Update(string path, string section, string markdown)
    {
        ArgumentNullException.ThrowIfNull(path);
        // Markers count only at the start of a line, so that text quoting one is never taken for it.
        var begin = $"\n<!-- begin:{section} -->";
        var end = $"\n<!-- end:{section} -->";
        var text = File.Exists(path) ? File.ReadAllText(path) : Skeleton();
        var from = text.IndexOf(begin, StringComparison.Ordinal);
        var to = text.IndexOf(end, StringComparison.Ordinal);
        var block = begin + "\n" + markdown.TrimEnd() + end;
        text = from >= 0 && to > from
            ? text[..from] + block + text[(to + end.Length)..]
            : text.TrimEnd() + "\n" + block + "\n";

        // The introduction is the code's: a stale one is replaced, the generated sections are kept.
        var firstMarker = FirstMarker().Match(text).Index;
        text = Introduction.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n" + text[firstMarker..];
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(path, text, new UTF8Encoding(false));
    }

    /// <summary>A begin marker alone on its line: the first generated section starts there.</summary>
    [GeneratedRegex(@"^<!-- begin:[A-Za-z0-9_-]+ -->$", RegexOptions.Multiline)]
    private static partial Regex FirstMarker();

    private static string Skeleton() =>
        Introduction
        + $"<!-- begin:{CampaignSection} -->\n## Fault campaign\n\nNot run yet: `dotnet run -c Release --project tests/Reliability -- campaign --out docs/RELIABILITY.md`.\n<!-- end:{CampaignSection} -->\n\n"
        + $"<!-- begin:{SoakSection} -->\n## Soak\n\nNot run yet: `dotnet run -c Release --project tests/Reliability -- soak --hours 10 --out docs/RELIABILITY.md`.\n<!-- end:{SoakSection} -->\n";
}
