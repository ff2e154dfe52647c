using System.Globalization;
using System.Text;
using HydroOxygen.Controller.Simulation;
using HydroOxygen.Reliability.Routine;

namespace HydroOxygen.Reliability.Report;

/// <summary>The routine-use section of docs/RELIABILITY.md: DESIGN §2.5's rules over a long generated run.</summary>
public static class RoutineReport
{
    public static string Markdown(RoutineRunResult result, string command)
    {
        ArgumentNullException.ThrowIfNull(result);
        var inv = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine("## Routine use");
        md.AppendLine();
        md.AppendLine(inv, $"- command: `{command}`");
        md.AppendLine(inv, $"- date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; machine: {MachineInfo.Describe()}");
        md.AppendLine(inv, $"- backend: {(result.Backend == SimulatedBackend.Models ? "models" : "drivers")}, run seed {result.Seed}; {result.Sequences} sequences, " +
            $"{result.SimulatedS / 3600:F2} simulated hours in {result.Wall.TotalSeconds:F0} s of wall time; **{(result.Passed ? "pass" : "FAIL")}**");
        md.AppendLine();
        md.AppendLine("DESIGN §2.5's rules of routine use, as a property (`tests/Reliability/Routine`, CsCheck): generated sequences of a");
        md.AppendLine("technician's routine actions on a healthy plant with ample supply, no fault injected — the power switch on, off and");
        md.AppendLine("cycled (off for 20 ms to 8 s), the dashboard's shutdown, the gas source, any program (acne ⇄ eye included), the");
        md.AppendLine("setpoint anywhere in the program's range or moved in 5 kPa steps, the pedal held or tapped for 5 ms to 10 s,");
        md.AppendLine("acknowledgements — in any order, often within 0.3 s of each other so that they land in the passing states, with");
        md.AppendLine("transducer noise of 0.5–2 kPa RMS. On every tick: no High or Medium alarm, never `Fault`, no choice refused for a");
        md.AppendLine("passing state (only while spraying, shutting down, off or in service, or for a real reason: out of range, acne on");
        md.AppendLine("compressed air), no mist with the foot off the pedal (beyond the hose emptying after a spray), and the invariants");
        md.AppendLine("above; at the end, the switch off: `Off` with manifold and bottle truly below 0.02 MPa. Each sequence is generated");
        md.AppendLine("from its own CsCheck seed, drawn from the run seed; a failing one is listed with it, and");
        md.AppendLine("`CsCheck_Seed=<seed> dotnet test tests/ClosedLoop.Tests -c Release --filter FullyQualifiedName~RoutineUse` replays and");
        md.AppendLine("shrinks it. CI runs 150 sequences (`ROUTINE_SEQUENCES` sets more).");
        md.AppendLine();
        md.AppendLine("| figure | value |");
        md.AppendLine("|---|---|");
        md.AppendLine(inv, $"| sequences (passed / run) | {result.Outcomes.Count} / {result.Sequences} |");
        md.AppendLine(inv, $"| ticks | {result.Ticks:N0} |");
        md.AppendLine(inv, $"| simulated time | {result.SimulatedS / 3600:F2} h |");
        md.AppendLine(inv, $"| sprays (entries into `Spraying`) | {result.Sprays} |");
        md.AppendLine(inv, $"| choices refused for a real reason | {result.Refusals} |");
        var raisedBy = string.Join(", ", result.RaisedBy.Select(kv => string.Create(inv, $"{kv.Key} in {kv.Value}")));
        md.AppendLine(inv, $"| worst alarm raised | {result.WorstAlarm?.ToString() ?? "none"} ({(raisedBy.Length == 0 ? "no alarm at all" : "sequences raising: " + raisedBy)}) |");
        md.AppendLine(inv, $"| peak true P_out / P_bottle / hose | {result.PeakPOutTrueMpa:F3} / {result.PeakPBottleTrueMpa:F3} / {result.PeakPHoseTrueMpa:F3} MPa |");
        md.AppendLine(inv, $"| longest final power-down | {result.LongestShutdownS:F2} s |");
        md.AppendLine(inv, $"| failing sequences | {result.Failures.Count} |");
        if (result.Failures.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("Failing sequences:");
            md.AppendLine();
            foreach (var failure in result.Failures.Take(20))
            {
                md.AppendLine(inv, $"- `CsCheck_Seed={failure.Seed}`: {failure.Message}");
            }
        }

        return md.ToString();
    }
}
