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
        engineer = "";
        retryAfter = TimeSpan.Zero;
        if (credentialHash is null)
        {
            return AccessVerdict.NotConfigured;
        }

        lock (_gate)
        {
            var now = clock.GetUtcNow();
            while (_failures.Count > 0 && now - _failures.Peek() > FailureWindow)
            {
                _failures.Dequeue();
            }

            if (_failures.Count >= MaxFailures)
            {
                retryAfter = FailureWindow - (now - _failures.Peek());
                return AccessVerdict.LockedOut;
            }

            if (TryParseBasic(authorization, out var name, out var secret) && Verify(secret))
            {
                engineer = name;
                return AccessVerdict.Granted;
            }

            _failures.Enqueue(now);
            return AccessVerdict.Denied;
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
        if (colon <= 0 || colon == decoded.Length - 1)
        {
            return false;
        }

        name = decoded[..colon].Trim();
        secret = decoded[(colon + 1)..];
        return name.Length is > 0 and <= 64 && !name.Any(char.IsControl);
    }
}
