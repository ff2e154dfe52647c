using System.Globalization;
using System.Xml;

namespace HydroOxygen.Controller.Simulation.Runs;

/// <summary>
/// A run of scenarios as JUnit XML, the format CI servers read (Jenkins, GitLab, GitHub actions'
/// reporters): one <c>testsuite</c>, a <c>testcase</c> per scenario file (classname: its path with
/// dots), a <c>failure</c> when expectations failed (each with its <c>file:line</c> and first
/// offending sample), an <c>error</c> for an invalid scenario, and the controller's notes as <c>system-out</c>.
/// Only the elements and attributes of the common JUnit schema are used, so strict readers accept it.
/// </summary>
public static class JUnitReport
{
    public static void Write(XmlWriter xml, IReadOnlyList<ScenarioOutcome> outcomes, DateTimeOffset started, double wallSeconds)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentNullException.ThrowIfNull(outcomes);
        var failures = outcomes.Sum(o => o.Report?.Failed ?? 0);
        var failedCases = outcomes.Count(o => o.Kind == OutcomeKind.Failed);
        var errors = outcomes.Count(o => o.Kind == OutcomeKind.Invalid);

        xml.WriteStartDocument();
        xml.WriteStartElement("testsuites");
        xml.WriteAttributeString("name", "simulate");
        xml.WriteAttributeString("tests", Number(outcomes.Count));
        xml.WriteAttributeString("failures", Number(failedCases));
        xml.WriteAttributeString("errors", Number(errors));
        xml.WriteAttributeString("time", Seconds(wallSeconds));

        xml.WriteStartElement("testsuite");
        xml.WriteAttributeString("name", "scenarios");
        xml.WriteAttributeString("tests", Number(outcomes.Count));
        xml.WriteAttributeString("failures", Number(failedCases));
        xml.WriteAttributeString("errors", Number(errors));
        xml.WriteAttributeString("skipped", "0");
        xml.WriteAttributeString("time", Seconds(wallSeconds));
        xml.WriteAttributeString("timestamp", started.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        xml.WriteAttributeString("hostname", Environment.MachineName);

        xml.WriteStartElement("properties");
        Property(xml, "expectations.failed", Number(failures));
        Property(xml, "expectations.passed", Number(outcomes.Sum(o => o.Report?.Passed ?? 0)));
        xml.WriteEndElement();

        foreach (var outcome in outcomes)
        {
            WriteCase(xml, outcome);
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
        xml.Flush();
    }

    private static void WriteCase(XmlWriter xml, ScenarioOutcome outcome)
    {
        xml.WriteStartElement("testcase");
        xml.WriteAttributeString("name", $"{outcome.Name} ({outcome.Input.Path})");
        xml.WriteAttributeString("classname", ClassName(outcome.Input));
        xml.WriteAttributeString("time", Seconds(outcome.Report?.WallSeconds ?? 0));
        xml.WriteAttributeString("assertions", Number(outcome.Report?.Results.Count ?? 0));
        if (outcome.Kind == OutcomeKind.Invalid)
        {
            xml.WriteStartElement("error");
            xml.WriteAttributeString("type", "InvalidScenario");
            xml.WriteAttributeString("message", outcome.Errors.Count > 0 ? outcome.Errors[0] : $"{outcome.Input.Path}: not a valid scenario");
            xml.WriteString(string.Join('\n', outcome.Errors));
            xml.WriteEndElement();
        }

        // One failure element per case (strict readers, Ant's schema among them, take no more): its
        // message names the first failed expectation, its text lists them all.
        var failed = outcome.Report?.Results.Where(r => !r.Passed).ToList() ?? [];
        if (failed.Count > 0)
        {
            var first = failed[0].Expectation;
            xml.WriteStartElement("failure");
            xml.WriteAttributeString("type", "ExpectationFailed");
            xml.WriteAttributeString(
                "message",
                failed.Count == 1
                    ? $"{first.Location.FileAndLine}: {first.Describe()}"
                    : $"{first.Location.FileAndLine}: {first.Describe()} (and {failed.Count - 1} more failed expectation(s))");
            xml.WriteString(string.Join("\n", failed.Select(r => $"{r.Expectation.Location.FileAndLine}: {r.Expectation.Describe()}\n  {r.Detail}")));
            xml.WriteEndElement();
        }

        var notes = outcome.Notes;
        if (notes.Count > 0 || outcome.Report is { EventsDropped: > 0 })
        {
            xml.WriteStartElement("system-out");
            var lines = notes.Select(n => "note: " + n).ToList();
            if (outcome.Report is { EventsDropped: > 0 } report)
            {
                lines.Add($"warning: the controller dropped {report.EventsDropped} event(s); the event log is incomplete");
            }

            xml.WriteString(string.Join('\n', lines));
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    /// <summary>faults/leak.yaml as <c>scenarios.faults.leak</c>: CI servers group test cases by the dotted class name.</summary>
    private static string ClassName(ScenarioInput input) => "scenarios." + input.OutputName.Replace('/', '.');

    private static void Property(XmlWriter xml, string name, string value)
    {
        xml.WriteStartElement("property");
        xml.WriteAttributeString("name", name);
        xml.WriteAttributeString("value", value);
        xml.WriteEndElement();
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
