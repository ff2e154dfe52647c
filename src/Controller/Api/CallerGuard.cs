using System.Net;
using HydroOxygen.Controller.Localization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace HydroOxygen.Controller.Api;

/// <summary>
/// A request the caller guard turns away: its status, its stable code and the header at fault; the
/// sentences come from the string table (<c>Error.&lt;code&gt;</c>) in the language asked for.
/// </summary>
public sealed class CallerRefusal(int status, string titleKey, string header, ApiErrorCode code, params object[] arguments)
{
    public int Status => status;

    public ApiErrorCode Code => code;

    /// <summary>An operator token refusal: the answer says how to authenticate (RFC 6750).</summary>
    public bool ChallengeBearer => status == StatusCodes.Status401Unauthorized;

    /// <summary><c>header: sentence</c> in the given language (the log's is English).</summary>
    public string Detail(ResourceText text) => $"{header}: {text["Error." + code, Arguments(text)]}";

    /// <summary>The problem answer, in the request's language.</summary>
    public ProblemHttpResult Answer() => ApiProblems.Caller(status, titleKey, header, code, Arguments(ResourceText.Current));

    private object[] Arguments(ResourceText text) => [.. arguments.Select(a => a is Words words ? text[words.Key].Value : a)];

    /// <summary>An argument that is itself words of the string table, put into the language of the sentence.</summary>
    internal sealed record Words(string Key);
}

/// <summary>
/// Turns away callers that are not the device's own (DESIGN §3.4, "Hostile callers") before any
/// endpoint runs, so a refusal changes nothing. Any web page the technician opens can make the
/// browser send requests to 127.0.0.1; what such a page cannot do is name the device's own host
/// (except by DNS rebinding, hence the Host check on every request), send a JSON content type
/// across origins without a CORS preflight (which is never granted), or hide its Origin.
/// </summary>
/// <remarks>
/// The order is Host (403), then for a state-changing method Origin (403), then beyond loopback the
/// operator token (401, or 403 when none is configured), then for a state-changing method the
/// content type (415). The engineer endpoints (<c>/api/service</c>) carry their own credential
/// and skip the operator token only.
/// </remarks>
public sealed class CallerGuard(RequestDelegate next, ApiOptions options, OperatorToken token, ILogger<CallerGuard> logger)
{
    public const string Realm = "hydro-oxygen controller";

    private readonly HashSet<string> _allowedHosts = options.AllowedHosts.Select(h => h.TrimEnd('.')).ToHashSet(StringComparer.OrdinalIgnoreCase);

    public async Task InvokeAsync(HttpContext context)
    {
        if (Check(context) is not { } refusal)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var request = context.Request;
        logger.LogWarning(
            "Refused {Method} {Path} from {Remote} (Host {Host}, Origin {Origin}): {Reason}",
            request.Method, request.Path.Value, context.Connection.RemoteIpAddress, request.Host.Value, request.Headers.Origin.ToString(), refusal.Detail(ResourceText.English));
        if (refusal.ChallengeBearer)
        {
            context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"{Realm}\"";
        }

        await refusal.Answer().ExecuteAsync(context).ConfigureAwait(false);
    }

    /// <summary>Why the request must be turned away, or null if it may go on.</summary>
    public CallerRefusal? Check(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (!AnswersTo(request.Host, context.Connection.LocalIpAddress))
        {
            return request.Host.HasValue
                ? new(StatusCodes.Status403Forbidden, "Problem.Title.HostRefused", "host", ApiErrorCode.HostUnknown, request.Host.Host, ApiOptions.Section)
                : new(StatusCodes.Status403Forbidden, "Problem.Title.HostRefused", "host", ApiErrorCode.HostMissing);
        }

        var changes = ChangesState(request.Method);
        if (changes && request.Headers.Origin is { Count: > 0 } origin && !IsOwnOrigin(origin.ToString(), request))
        {
            return new(StatusCodes.Status403Forbidden, "Problem.Title.OriginRefused", "origin", ApiErrorCode.OriginForeign, origin.ToString());
        }

        if (IsOperatorPath(request.Path) && !IsLoopback(context.Connection.RemoteIpAddress))
        {
            object remote = context.Connection.RemoteIpAddress?.ToString() ?? (object)new CallerRefusal.Words("Caller.UnknownAddress");
            if (!token.Configured)
            {
                return new(StatusCodes.Status403Forbidden, "Problem.Title.RemoteOperatorOff", "authorization", ApiErrorCode.AccessTokenNotConfigured, remote, ApiOptions.Section);
            }

            if (!token.Matches(request.Headers.Authorization))
            {
                var code = request.Headers.Authorization.Count == 0 ? ApiErrorCode.AccessTokenMissing : ApiErrorCode.AccessTokenWrong;
                return new(StatusCodes.Status401Unauthorized, "Problem.Title.TokenRequired", "authorization", code, remote, ApiOptions.Section);
            }
        }

        if (changes && !request.HasJsonContentType())
        {
            return new(StatusCodes.Status415UnsupportedMediaType, "Problem.Title.UnsupportedMediaType", ApiProblems.ContentTypeField, ApiErrorCode.ContentTypeNotJson);
        }

        return null;
    }

    /// <summary>Anything but the safe methods may change something (RFC 9110 §9.2.1).</summary>
    public static bool ChangesState(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method));

    /// <summary>The operator's API: everything under /api except the engineer's, which has its own credential.</summary>
    public static bool IsOperatorPath(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) && !path.StartsWithSegments("/api/service", StringComparison.OrdinalIgnoreCase);

    public static bool IsLoopback(IPAddress? address) =>
        address is not null && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    /// <summary>
    /// The device answers to its loopback names and addresses, to the address the request arrived
    /// on, and to the configured names. An address is never a rebinding: only a name can be made to
    /// point at the device.
    /// </summary>
    public bool AnswersTo(HostString host, IPAddress? localAddress)
    {
        if (!host.HasValue)
        {
            return false;
        }

        var name = host.Host.TrimEnd('.');
        if (name.Equals("localhost", StringComparison.OrdinalIgnoreCase) || _allowedHosts.Contains(name))
        {
            return true;
        }

        if (!IPAddress.TryParse(name.Trim('[', ']'), out var address) || Uri.CheckHostName(name.Trim('[', ']')) is not (UriHostNameType.IPv4 or UriHostNameType.IPv6))
        {
            return false;
        }

        address = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        var local = localAddress is { IsIPv4MappedToIPv6: true } ? localAddress.MapToIPv4() : localAddress;
        return IPAddress.IsLoopback(address) || address.Equals(local);
    }

    /// <summary>The Origin is this request's own: same scheme, host and port as the Host it was sent to.</summary>
    private static bool IsOwnOrigin(string origin, HttpRequest request)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.UserInfo.Length > 0)
        {
            return false; // "null" (a sandboxed or file page), or not an origin at all
        }

        var port = request.Host.Port ?? (string.Equals(request.Scheme, "https", StringComparison.OrdinalIgnoreCase) ? 443 : 80);
        return string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(uri.Host.TrimEnd('.'), request.Host.Host.TrimEnd('.'), StringComparison.OrdinalIgnoreCase)
            && uri.Port == port;
    }
}

public static class CallerGuardExtensions
{
    /// <summary>Registers the guard's options (defaults unless the host registered validated ones) and the operator token.</summary>
    public static IServiceCollection AddCallerGuard(this IServiceCollection services)
    {
        services.TryAddSingleton(new ApiOptions());
        services.AddSingleton(sp => new OperatorToken(sp.GetRequiredService<ApiOptions>().Token()));
        return services;
    }

    public static IApplicationBuilder UseCallerGuard(this IApplicationBuilder app) => app.UseMiddleware<CallerGuard>();
}
