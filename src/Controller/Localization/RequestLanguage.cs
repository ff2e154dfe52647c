using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.Net.Http.Headers;

namespace HydroOxygen.Controller.Localization;

/// <summary>
/// Which language a request is answered in, first match wins:
/// <list type="number">
/// <item>the cookie a browser away from the device set with the language switch (that browser's own choice);</item>
/// <item>on the device's own screen (a loopback caller: the kiosk), the device's language;</item>
/// <item>a browser elsewhere: the first device language its <c>Accept-Language</c> names;</item>
/// <item>otherwise the device's language.</item>
/// </list>
/// </summary>
public sealed class RequestLanguage(DeviceLanguage device) : RequestCultureProvider
{
    public const string CookieName = "hydroxy-lang";

    public static string Choose(HttpContext context, DeviceLanguage device)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(device);
        if (context.Request.Cookies.TryGetValue(CookieName, out var cookie) && Languages.IsExact(cookie))
        {
            return cookie;
        }

        if (IsDeviceScreen(context))
        {
            return device.Current;
        }

        return FromAcceptLanguage(context.Request.Headers.AcceptLanguage) ?? device.Current;
    }

    /// <summary>A request from this machine: the device's own screen (or a tool on it).</summary>
    public static bool IsDeviceScreen(HttpContext context) =>
        context?.Connection.RemoteIpAddress is not { } address || IPAddress.IsLoopback(address);

    internal static string? FromAcceptLanguage(Microsoft.Extensions.Primitives.StringValues header)
    {
        if (!StringWithQualityHeaderValue.TryParseList(header, out var values))
        {
            return null;
        }

        return values
            .Where(v => v.Quality is not 0)
            .OrderByDescending(v => v.Quality ?? 1)
            .Select(v => Languages.Normalize(v.Value.Value))
            .FirstOrDefault(l => l is not null);
    }

    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var language = Choose(httpContext, device);
        return Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(language, language));
    }
}
