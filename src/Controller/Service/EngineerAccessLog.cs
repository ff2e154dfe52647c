using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace HydroOxygen.Controller.Service;

/// <summary>One refused engineer login as recorded: when, what (a wrong credential or the lockout it began), who said they were, from where.</summary>
/// <param name="LockedForS">For a lockout, how long it lasts, s.</param>
public sealed record AccessRecord(DateTimeOffset At, string What, string Engineer, string Address, double? LockedForS);

/// <summary>
/// Failed engineer logins and lockouts (issue 15): each wrong credential and each lockout it begins
/// is appended to the service log (durably, with the name given, the source address and the time)
/// and written as a log warning, so that an engineer locked out can find out why. Attempts refused
/// while locked are not recorded one by one (a flood must not fill the disk): the first of each
/// lockout is logged as a warning. Names and addresses come from the network: they are bounded and
/// stripped of control characters before they are stored or shown.
/// </summary>
public sealed class EngineerAccessLog(ServiceLog log, ILogger<EngineerAccessLog> logger)
{
    public const string WrongCredential = "access-denied";
    public const string Lockout = "access-locked";
    public const int MaxNameLength = 64;
    public const int MaxAddressLength = 64;
    public const int MaxRecords = 500;

    private readonly Lock _gate = new();
    private DateTimeOffset _lockoutWarned;

    /// <summary>Records a refused attempt (nothing for a granted one, or one without any credential).</summary>
    public void Record(AccessAttempt attempt, string? address, DateTimeOffset at)
    {
        var name = Bounded(attempt.Engineer, MaxNameLength);
        var from = Bounded(address ?? "", MaxAddressLength);
        if (attempt.Verdict == AccessVerdict.LockedOut)
        {
            WarnOncePerLockout(name, from, at, attempt.RetryAfter);
            return;
        }

        if (attempt is not { Verdict: AccessVerdict.Denied, Counted: true })
        {
            return;
        }

        logger.LogWarning("Engineer access refused: wrong credential for {Engineer} from {Address}", name, from);
        Append(WrongCredential, at, name, new { address = from });
        if (attempt.LockedNow)
        {
            var seconds = Math.Ceiling(attempt.RetryAfter.TotalSeconds);
            logger.LogWarning(
                "Engineer access locked for {Seconds} s after {Failures} wrong credentials (the last for {Engineer} from {Address})",
                seconds, EngineerAccess.MaxFailures, name, from);
            Append(Lockout, at, name, new { address = from, lockedForS = seconds, failures = EngineerAccess.MaxFailures });
            lock (_gate)
            {
                _lockoutWarned = at;
            }
        }
    }

    /// <summary>The latest records, newest first.</summary>
    public IReadOnlyList<AccessRecord> Recent(int limit)
    {
        var records = new List<AccessRecord>();
        foreach (var line in log.Entries())
        {
            if (Parse(line) is { } record)
            {
                records.Add(record);
            }
        }

        records.Reverse();
        return records.Take(Math.Clamp(limit, 0, MaxRecords)).ToList();
    }

    /// <summary>A record in words: "wrong engineer credential for 'bob' from 10.0.0.7".</summary>
    public static ServiceText Sentence(AccessRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        object name = record.Engineer.Length == 0 ? new ServiceText("Service.Access.NoName") : record.Engineer;
        object address = record.Address.Length == 0 ? new ServiceText("Service.Access.NoAddress") : record.Address;
        return record.What == Lockout
            ? new ServiceText("Service.Access.Lockout", name, address, record.LockedForS ?? EngineerAccess.FailureWindow.TotalSeconds, EngineerAccess.MaxFailures)
            : new ServiceText("Service.Access.WrongCredential", name, address);
    }

    /// <summary>Text from the network as it may be stored and shown: control characters replaced, at most <paramref name="max"/> characters.</summary>
    public static string Bounded(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(Math.Min(text.Length, max + 1));
        foreach (var rune in text.EnumerateRunes())
        {
            if (builder.Length + rune.Utf16SequenceLength > max)
            {
                builder.Append('…');
                break;
            }

            builder.Append(Rune.IsControl(rune) || rune.Value is 0x2028 or 0x2029 or 0xFEFF || Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format ? "?" : rune.ToString());
        }

        return builder.ToString();
    }

    private void WarnOncePerLockout(string name, string from, DateTimeOffset at, TimeSpan left)
    {
        lock (_gate)
        {
            if (at - _lockoutWarned < EngineerAccess.FailureWindow)
            {
                return;
            }

            _lockoutWarned = at;
        }

        logger.LogWarning("Engineer access refused while locked ({Seconds} s left): {Engineer} from {Address}", Math.Ceiling(left.TotalSeconds), name, from);
    }

    private void Append(string what, DateTimeOffset at, string engineer, object details)
    {
        try
        {
            log.Record(what, at, engineer, details);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The refusal stands whatever the disk does; the log says the record is missing.
            logger.LogError("The service log could not record a refused engineer login ({Problem})", ex.Message);
        }
    }

    private static AccessRecord? Parse(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("what", out var what) || what.GetString() is not (WrongCredential or Lockout)
                || !root.TryGetProperty("when", out var when) || !DateTimeOffset.TryParse(when.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at))
            {
                return null;
            }

            var engineer = root.TryGetProperty("engineer", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString()! : "";
            var details = root.TryGetProperty("details", out var d) && d.ValueKind == JsonValueKind.Object ? d : default;
            var address = details.ValueKind == JsonValueKind.Object && details.TryGetProperty("address", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString()! : "";
            double? locked = details.ValueKind == JsonValueKind.Object && details.TryGetProperty("lockedForS", out var l) && l.ValueKind == JsonValueKind.Number ? l.GetDouble() : null;

            // Bounded again on the way out: the file is the device's, but it may have been edited.
            return new AccessRecord(at, what.GetString()!, Bounded(engineer, MaxNameLength), Bounded(address, MaxAddressLength), locked);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
