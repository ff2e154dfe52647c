using System.Buffers;

namespace HydroOxygen.Controller.Api;

/// <summary>
/// The <c>Api</c> section of appsettings.json: who may reach the API besides the device itself
/// (DESIGN §3.4, "Hostile callers").
/// </summary>
public sealed record ApiOptions
{
    public const string Section = "Api";

    /// <summary>The shortest access token accepted: 32 characters (for example <c>openssl rand -hex 32</c> gives 64).</summary>
    public const int MinTokenLength = 32;

    public const int MaxTokenLength = 512;

    /// <summary>
    /// Host names the device answers to besides its loopback names and addresses and the address a
    /// request arrived on (for example <c>spray-3.clinic.lan</c>). No wildcards, schemes or ports.
    /// </summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    /// <summary>
    /// The operator access token that requests from beyond the device itself must present
    /// (<c>Authorization: Bearer …</c>). Without one (here or in <see cref="AccessTokenFile"/>),
    /// operator requests from beyond loopback are refused.
    /// </summary>
    public string? AccessToken { get; init; }

    /// <summary>An absolute path to a file holding the access token (one line), instead of <see cref="AccessToken"/>.</summary>
    public string? AccessTokenFile { get; init; }

    // RFC 6750's b64token: what a Bearer header can carry without quoting.
    private static readonly SearchValues<char> TokenCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~+/=");

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        for (var i = 0; i < AllowedHosts.Count; i++)
        {
            if (HostProblem(AllowedHosts[i]) is { } problem)
            {
                errors.Add($"{Section}:AllowedHosts:{i}: {problem}");
            }
        }

        if (AccessToken is not null && AccessTokenFile is not null)
        {
            errors.Add($"{Section}:AccessToken and {Section}:AccessTokenFile: give the access token one way, not both");
            return errors;
        }

        if (AccessToken is not null && TokenProblem(AccessToken) is { } tokenProblem)
        {
            errors.Add($"{Section}:AccessToken: {tokenProblem}");
        }

        if (AccessTokenFile is not null)
        {
            var (_, fileProblem) = ReadTokenFile(AccessTokenFile);
            if (fileProblem is not null)
            {
                errors.Add($"{Section}:AccessTokenFile: {fileProblem}");
            }
        }

        return errors;
    }

    /// <summary>The configured access token, or null if none is configured (call after <see cref="Validate"/>).</summary>
    public string? Token() => AccessTokenFile is null ? AccessToken : ReadTokenFile(AccessTokenFile).Token;

    private static string? HostProblem(string host)
    {
        if (string.IsNullOrWhiteSpace(host))
        {
            return "must name a host";
        }

        if (host.Contains('*', StringComparison.Ordinal))
        {
            return $"'{host}': wildcards are not allowed: the device would answer to names it does not own (DNS rebinding); list each name";
        }

        return Uri.CheckHostName(host.TrimEnd('.')) is UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6
            ? null
            : $"'{host}' is not a host name or address (give the name alone: no scheme, port or path)";
    }

    private static string? TokenProblem(string token)
    {
        if (token.Length is < MinTokenLength or > MaxTokenLength)
        {
            return $"must be {MinTokenLength}–{MaxTokenLength} characters long, was {token.Length} (make one with: openssl rand -hex 32)";
        }

        return token.AsSpan().IndexOfAnyExcept(TokenCharacters) >= 0
            ? "may hold only letters, digits and - . _ ~ + / = (make one with: openssl rand -hex 32)"
            : null;
    }

    private static (string? Token, string? Problem) ReadTokenFile(string path)
    {
        if (!Path.IsPathRooted(path))
        {
            return (null, $"'{path}' must be an absolute path");
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, $"'{path}' cannot be read: {ex.Message}");
        }

        var token = text.Trim();
        return TokenProblem(token) is { } problem ? (null, $"'{path}': the token {problem}") : (token, null);
    }
}
