using System.Globalization;
using System.Text.Json;

namespace HydroOxygen.Controller.Service;

/// <summary>
/// The leak tests in the service log, newest first: what <c>status</c> shows as the last one after a
/// restart, and the history an engineer compares against (issue 15, finding 7). Entries written
/// before the limit became a rate carry <c>LimitMpa</c> over their own measuring time, read as that rate.
/// </summary>
public static class LeakTestHistory
{
    /// <summary>The most a history request may ask for.</summary>
    public const int MaxCount = 1000;

    public static IReadOnlyList<LeakTestResult> Read(ServiceLog log, int last)
    {
        ArgumentNullException.ThrowIfNull(log);
        var found = new List<LeakTestResult>();
        var lines = log.Entries();
        for (var i = lines.Count - 1; i >= 0 && found.Count < last; i--)
        {
            if (Parse(lines[i]) is { } result)
            {
                found.Add(result);
            }
        }

        return found;
    }

    /// <summary>One log line as a leak test's result; null for other work, or a line that cannot be read (a torn last line).</summary>
    public static LeakTestResult? Parse(string line)
    {
        if (string.IsNullOrWhiteSpace(line) || !line.Contains("\"leak-test\"", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.GetProperty("what").GetString() != "leak-test"
                || !DateTimeOffset.TryParse(root.GetProperty("when").GetString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at))
            {
                return null;
            }

            var details = root.GetProperty("details");
            var duration = Number(details, "DurationS") ?? 0.0;
            var rate = Number(details, "LimitKpaPerMin")
                ?? (Number(details, "LimitMpa") is { } total && duration > 0 ? total * 1000.0 * 60.0 / duration : 0.0);
            return new LeakTestResult(
                at,
                Number(details, "PressureMpa") ?? 0.0,
                Number(details, "StartMpa") ?? 0.0,
                Number(details, "EndMpa") ?? 0.0,
                duration,
                rate,
                Number(details, "VolumeMl") ?? 0.0,
                details.TryGetProperty("Failure", out var failure) && failure.ValueKind == JsonValueKind.String ? failure.GetString() : null,
                root.TryGetProperty("engineer", out var engineer) && engineer.ValueKind == JsonValueKind.String ? engineer.GetString() : null)
            {
                FailureText = FailureText(details),
            };
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>A failure logged as key and figures (a known key, numbers only), to be said in the reader's language; null otherwise.</summary>
    private static ServiceText? FailureText(JsonElement details)
    {
        if (!details.TryGetProperty("FailureKey", out var key) || key.ValueKind != JsonValueKind.String
            || key.GetString() is not { } known
            || known is not (ServiceProcedures.LeakFellWhileSettling or ServiceProcedures.LeakNotReached)
            || !details.TryGetProperty("FailureArguments", out var arguments) || arguments.ValueKind != JsonValueKind.Array
            || arguments.GetArrayLength() != 2 || arguments.EnumerateArray().Any(a => a.ValueKind != JsonValueKind.Number))
        {
            return null;
        }

        return new ServiceText(known, [.. arguments.EnumerateArray().Select(a => (object?)a.GetDouble())]);
    }

    private static double? Number(JsonElement details, string name) =>
        details.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
}
