using System.Globalization;
using System.Text;
using HydroOxygen.Controller.Simulation;
using HydroOxygen.Reliability.Soak;

namespace HydroOxygen.Reliability.Report;

/// <summary>The soak's section of docs/RELIABILITY.md: the day's counts, then one row per period to show the figures stay flat.</summary>
public static class SoakReport
{
    public static string Markdown(SoakResult result, string command)
    {
        ArgumentNullException.ThrowIfNull(result);
        var inv = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine("## Soak");
        md.AppendLine();
        md.AppendLine(inv, $"- command: `{command}`");
        md.AppendLine(inv, $"- date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; machine: {MachineInfo.Describe()}");
        md.AppendLine(inv, $"- backend: {(result.Options.Backend == SimulatedBackend.Models ? "models" : "drivers")}, seed {result.Options.Seed}; " +
            $"{result.SimulatedS / 3600:F2} simulated hours in {result.Wall.TotalSeconds:F0} s of wall time; **{(result.Passed ? "pass" : "FAIL")}**");
        md.AppendLine();
        md.AppendLine("One controller and one plant for the whole day, as the service runs on the Pi. Random treatment sessions of");
        md.AppendLine("5–25 minutes with 0.5–5 minute gaps: power-on, gas source (30 % compressed air) and program (any, including refused");
        md.AppendLine("ones such as acne on compressed air), setpoint changes anywhere in 0.30–0.60 MPa (refused above a program's");
        md.AppendLine("ceiling), spray bursts of 0.5–8 s with the pedal, pauses, acknowledgements, and in most sessions one fault");
        md.AppendLine("injected in `Ready` (a sensor disconnected or stuck, a converter silent, the inlet or spray valve stuck open, the");
        md.AppendLine("bottle dry, a loop stall), cleared after its alarm and acknowledged; the session ends with the rocker switch or, one");
        md.AppendLine("time in seven, the API's shutdown. Plant: a large cylinder (6000 L) and a bottle filled to 220 mL, since the simulator");
        md.AppendLine("cannot change a cylinder or refill a bottle during the day.");
        md.AppendLine();
        md.AppendLine("A missed alarm is an injected fault whose alarm (the campaign table's, for `Ready`) was not raised in the controller's");
        md.AppendLine("event log within its bound. Every tick is checked against the invariants above. Memory and timing are taken at the");
        md.AppendLine("end of each period: bytes allocated by the loop's thread during the period, live managed heap after a full");
        md.AppendLine("collection, and the wall-clock cost of a tick (controller step and plant together). Drift limits (`DriftCheck.cs`,");
        md.AppendLine(inv, $"first period excluded as warm-up): live heap growth ≤ {DriftCheck.HeapGrowthLimitBytes / 1024} KiB over the day, no period allocating more than");
        md.AppendLine(inv, $"{DriftCheck.AllocationSpreadLimitBytes / 1024} KiB over the median period, no period's median tick cost above {DriftCheck.TickCostSpreadLimit:0.#} × the median period's.");
        md.AppendLine();
        md.AppendLine("| figure | value |");
        md.AppendLine("|---|---|");
        md.AppendLine(inv, $"| simulated hours | {result.SimulatedS / 3600:F2} |");
        md.AppendLine(inv, $"| sessions | {result.Sessions} |");
        md.AppendLine(inv, $"| sprays (pedal presses that sprayed) | {result.Sprays} ({result.SprayedS / 60:F1} min of spray) |");
        md.AppendLine(inv, $"| faults injected | {result.FaultsInjected} |");
        md.AppendLine(inv, $"| expected alarms missed | {result.AlarmsMissed} of {result.AlarmsExpected} |");
        md.AppendLine(inv, $"| alarms raised | {result.AlarmsRaised} ({Codes(result)}) |");
        md.AppendLine(inv, $"| acknowledgements | {result.Acknowledgements} |");
        md.AppendLine(inv, $"| invariant violations | {result.InvariantViolations} |");
        md.AppendLine(inv, $"| events logged / dropped | {result.EventsLogged} / {result.EventsDropped} |");
        md.AppendLine(inv, $"| peak true pressure | {result.PeakTrueMpa:F3} MPa |");
        md.AppendLine();
        md.AppendLine("| period | ends at h | sessions | sprays | faults | alarms | allocated KiB | live heap KiB | tick mean µs | tick median µs | tick p99 µs | tick max µs |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var p in result.Periods)
        {
            md.AppendLine(inv,
                $"| {p.Index + 1} | {p.EndS / 3600:F2} | {p.Sessions} | {p.Sprays} | {p.Faults} | {p.Alarms} | {p.AllocatedBytes / 1024.0:F1} | {p.LiveHeapBytes / 1024.0:F0} | {p.TickMeanUs:F2} | {p.TickMedianUs:F0} | {p.TickP99Us:F0} | {p.TickMaxUs:F0} |");
        }

        if (result.Failures.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("Failures:");
            md.AppendLine();
            foreach (var failure in result.Failures)
            {
                md.AppendLine(inv, $"- {failure}");
            }
        }

        return md.ToString();
    }

    private static string Codes(SoakResult result)
    {
        var text = string.Join(", ", result.AlarmsByCode.Where(kv => kv.Value > 0).Select(kv => $"{kv.Key} {kv.Value}"));
        return text.Length == 0 ? "none" : text;
    }
}
