using System.Buffers;
using HydroOxygen.Hal;

namespace HydroOxygen.Controller.Api;

/// <summary>
/// The <c>Api</c> section of appsettings.json: who may reach the API besides the device itself
/// (DESIGN §3.4, "Hostile callers").
/// </summary>
public sealed record ApiOptions : ISettingsSection
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

    public void Validate(SettingsErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        for (var i = 0; i < AllowedHosts.Count; i++)
        {
            CheckHost(errors, $"{nameof(AllowedHosts)}:{i}", AllowedHosts[i]);
        }

        if (AccessToken is not null && AccessTokenFile is not null)
        {
            errors.Add($"{nameof(AccessToken)} and {Section}:{nameof(AccessTokenFile)}", "TokenTwice", "give the access token one way, not both");
            return;
        }

        if (AccessToken is not null && TokenProblem(AccessToken) is { } tokenProblem)
        {
            errors.Add(nameof(AccessToken), tokenProblem.Id, tokenProblem.English, [.. tokenProblem.Arguments]);
        }

        if (AccessTokenFile is not null && ReadTokenFile(AccessTokenFile).Problem is { } fileProblem)
        {
            errors.Add(nameof(AccessTokenFile), fileProblem.Id, fileProblem.English, [.. fileProblem.Arguments]);
        }
    }

    public string? Token() => AccessTokenFile is null ? AccessToken : ReadTokenFile(AccessTokenFile).Token;

    private static void CheckHost(SettingsErrors errors, string key, string host)
    {
        if (string.IsNullOrWhiteSpace(host))
        {
            errors.Add(key, "HostMissing", "must name a host");
        }
        else if (host.Contains('*', StringComparison.Ordinal))
        {
            errors.Add(key, "HostWildcard", "'{0}': wildcards are not allowed: the device would answer to names it does not own (DNS rebinding); list each name", host);
        }
        else if (Uri.CheckHostName(host.TrimEnd('.')) is not (UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6))
        {
            errors.Add(key, "HostInvalid", "'{0}' is not a host name or address (give the name alone: no scheme, port or path)", host);
        }
    }

    private static SettingProblem? TokenProblem(string token)
    {
        if (token.Length is < MinTokenLength or > MaxTokenLength)
        {
            return new("", "TokenLength", "must be {0}–{1} characters long, was {2} (make one with: openssl rand -hex 32)", [MinTokenLength, MaxTokenLength, token.Length]);
        }

        return token.AsSpan().IndexOfAnyExcept(TokenCharacters) >= 0
            ? new("", "TokenCharacters", "may hold only letters, digits and - . _ ~ + / = (make one with: openssl rand -hex 32)", [])
            : null;
    }

    private static (string? Token, SettingProblem? Problem) ReadTokenFile(string path)
    {
        if (!Path.IsPathRooted(path))
        {
            return (null, new("", "AbsolutePath", "'{0}' must be an absolute path", [path]));
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, new("", "FileUnreadable", "'{0}' cannot be read: {1}", [path, ex.Message]));
        }

        var token = text.Trim();
        return TokenProblem(token) is { } problem
            ? (null, problem with { Id = "TokenFile" + problem.Id, English = "'{" + problem.Arguments.Count + "}': the token " + problem.English, Arguments = [.. problem.Arguments, path] })
            : (token, null);
    }
}
