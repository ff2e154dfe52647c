using System.Text.Json;

namespace HydroOxygen.Controller.Simulation.Runs;

/// <summary>
/// A run of scenarios as one JSON document for scripts: the counts and exit code, and per scenario
/// its status, figures, failures (each with <c>file:line</c>, the expectation and the first offending
/// sample), notes, problems when invalid, and the files it wrote. Everything but the wall times is
/// the same whatever the parallelism.
/// </summary>
public static class JsonSummary
{
    public static void Write(Utf8JsonWriter json, IReadOnlyList<ScenarioOutcome> outcomes, int exitCode, double wallSeconds)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(outcomes);
        json.WriteStartObject();
        json.WriteNumber("exitCode", exitCode);
        json.WriteNumber("scenarios", outcomes.Count);
        json.WriteNumber("passed", outcomes.Count(o => o.Kind == OutcomeKind.Passed));
        json.WriteNumber("failed", outcomes.Count(o => o.Kind == OutcomeKind.Failed));
        json.WriteNumber("invalid", outcomes.Count(o => o.Kind == OutcomeKind.Invalid));
        json.WriteNumber("wallS", Math.Round(wallSeconds, 3));
        json.WriteStartArray("results");
        foreach (var outcome in outcomes)
        {
            json.WriteStartObject();
            json.WriteString("file", outcome.Input.Path);
            json.WriteString("name", outcome.Name);
            json.WriteString("status", outcome.Kind.ToString().ToLowerInvariant());
            if (outcome.Report is { } report)
            {
                json.WriteNumber("seed", report.Scenario.Seed);
                json.WriteNumber("durationS", report.Scenario.DurationS);
                json.WriteNumber("simulatedS", Math.Round(report.SimulatedSeconds, 6));
                json.WriteNumber("ticks", report.Ticks);
                json.WriteNumber("wallS", Math.Round(report.WallSeconds, 3));
                json.WriteNumber("expectationsPassed", report.Passed);
                json.WriteNumber("expectationsFailed", report.Failed);
                json.WriteNumber("eventsDropped", report.EventsDropped);
                json.WriteStartArray("failures");
                foreach (var result in report.Results.Where(r => !r.Passed))
                {
                    json.WriteStartObject();
                    json.WriteString("location", result.Expectation.Location.FileAndLine);
                    json.WriteString("expectation", result.Expectation.Describe());
                    json.WriteString("detail", result.Detail);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteStartArray("notes");
            foreach (var note in outcome.Notes)
            {
                json.WriteStringValue(note);
            }

            json.WriteEndArray();
            json.WriteStartArray("errors");
            foreach (var error in outcome.Errors)
            {
                json.WriteStringValue(error);
            }

            json.WriteEndArray();
            json.WriteStartObject("outputs");
            foreach (var (option, path) in outcome.Outputs.OrderBy(o => o.Key, StringComparer.Ordinal))
            {
                json.WriteString(option, path);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
    }
}
