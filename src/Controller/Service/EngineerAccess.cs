using System.Security.Cryptography;
using System.Text;

namespace HydroOxygen.Controller.Service;

/// <summary>The outcome of checking a request's engineer credential.</summary>
public enum AccessVerdict
{
    Granted,

    /// <summary>No credential hash is configured: engineer operations are switched off.</summary>
    NotConfigured,

    /// <summary>No credential, or the wrong one.</summary>
    Denied,

    /// <summary>Too many wrong credentials lately: refused without checking, for a while.</summary>
    LockedOut,
}

/// <summary>One check of the engineer credential: what was decided, about whom, and whether it counted as a wrong guess.</summary>
/// <param name="Verdict">Granted, refused, locked out or switched off.</param>
/// <param name="Engineer">The name the caller gave: verified only when granted; as sent otherwise (bound it before showing it).</param>
/// <param name="RetryAfter">While locked out, how long until the lockout ends.</param>
/// <param name="Counted">A wrong credential, counted towards the lockout.</param>
/// <param name="LockedNow">This wrong credential began a lockout.</param>
public readonly record struct AccessAttempt(AccessVerdict Verdict, string Engineer, TimeSpan RetryAfter, bool Counted, bool LockedNow);

/// <summary>
/// Checks the engineer credential (HTTP Basic: the engineer's name and the shared credential)
/// against the configured PBKDF2 hash. Wrong guesses are limited: after
/// <see cref="MaxFailures"/> within <see cref="FailureWindow"/>, every attempt is refused until the
/// window has passed. A credential once verified is remembered by its SHA-256, so that a session of
/// requests does not pay the deliberately slow hash each time.
/// </summary>
public sealed class EngineerAccess(string? credentialHash, TimeProvider clock)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan FailureWindow = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private readonly Queue<DateTimeOffset> _failures = new();
    private byte[]? _verified;

    public bool Configured => credentialHash is not null;

    /// <summary>Checks an <c>Authorization</c> header value; on success gives the engineer's name for the records.</summary>
    public AccessVerdict Check(string? authorization, out string engineer, out TimeSpan retryAfter)
    {
        var attempt = Check(authorization);
        engineer = attempt.Verdict == AccessVerdict.Granted ? attempt.Engineer : "";
        retryAfter = attempt.RetryAfter;
        return attempt.Verdict;
    }

    /// <summary>
    /// Checks an <c>Authorization</c> header value. A request without any credential (the first leg
    /// of HTTP Basic's challenge) is refused but is no guess: it does not count towards the lockout.
    /// </summary>
    /// <returns>The verdict, the name the caller gave (unverified unless granted), and for a lockout how long it lasts and whether this attempt began it.</returns>
    public AccessAttempt Check(string? authorization)
    {
        if (credentialHash is null)
        {
            return new AccessAttempt(AccessVerdict.NotConfigured, "", TimeSpan.Zero, Counted: false, LockedNow: false);
        }

        var parsed = TryParseBasic(authorization, out var name, out var secret);
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            while (_failures.Count > 0 && now - _failures.Peek() > FailureWindow)
            {
                _failures.Dequeue();
            }

            if (_failures.Count >= MaxFailures)
            {
                return new AccessAttempt(AccessVerdict.LockedOut, name, FailureWindow - (now - _failures.Peek()), Counted: false, LockedNow: false);
            }

            if (parsed && Verify(secret))
            {
                return new AccessAttempt(AccessVerdict.Granted, name, TimeSpan.Zero, Counted: false, LockedNow: false);
            }

            if (string.IsNullOrEmpty(authorization))
            {
                return new AccessAttempt(AccessVerdict.Denied, "", TimeSpan.Zero, Counted: false, LockedNow: false);
            }

            _failures.Enqueue(now);
            var locked = _failures.Count >= MaxFailures;
            return new AccessAttempt(AccessVerdict.Denied, name, locked ? FailureWindow - (now - _failures.Peek()) : TimeSpan.Zero, Counted: true, LockedNow: locked);
        }
    }

    /// <summary>How long engineer access stays locked, or zero when it is not.</summary>
    public TimeSpan LockedFor()
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            while (_failures.Count > 0 && now - _failures.Peek() > FailureWindow)
            {
                _failures.Dequeue();
            }

            return _failures.Count >= MaxFailures ? FailureWindow - (now - _failures.Peek()) : TimeSpan.Zero;
        }
    }

    private bool Verify(string secret)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        if (_verified is not null && CryptographicOperations.FixedTimeEquals(digest, _verified))
        {
            return true;
        }

        if (!EngineerCredential.Verify(secret, credentialHash))
        {
            return false;
        }

        _verified = digest;
        return true;
    }

    /// <summary>"Basic base64(name:secret)" with a name of 1–64 printable characters and a non-empty secret.</summary>
    internal static bool TryParseBasic(string? header, out string name, out string secret)
    {
        name = "";
        secret = "";
        const string prefix = "Basic ";
        if (header is null || !header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[prefix.Length..].Trim()));
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }

        // The name is kept even when the rest is wrong: a refused attempt is recorded under it.
        name = decoded[..colon].Trim();
        if (colon == decoded.Length - 1)
        {
            return false;
        }

        secret = decoded[(colon + 1)..];
        return name.Length is > 0 and <= 64 && !name.Any(char.IsControl);
    }
}
