namespace HydroOxygen.Controller.Api;

/// <summary>
/// What the caller guard answers when it refuses a request (DESIGN §3.4, "Hostile callers"): every
/// sentence a person reads, in one place, so that it can move to the resource files.
/// </summary>
public static class CallerGuardMessages
{
    public const string HostTitle = "This device does not answer to that name; nothing was changed";
    public const string OriginTitle = "Only the device's own dashboard may change it; nothing was changed";
    public const string ContentTypeTitle = "A request that changes anything must be JSON; nothing was changed";
    public const string TokenTitle = "An access token is required from beyond this device; nothing was changed";
    public const string NoTokenTitle = "Operator requests from beyond this device are switched off; nothing was changed";

    public static string UnknownHost(string host) =>
        $"host: the device does not answer to '{host}' (a name it does not own, as in DNS rebinding); use its address "
        + $"(127.0.0.1 on the device itself) or add the name to {ApiOptions.Section}:AllowedHosts";

    public const string MissingHost = "host: the request names no host; send the Host header";

    public static string ForeignOrigin(string origin) =>
        $"origin: a page from '{origin}' may not change this device; only its own dashboard (same scheme, host and port) may";

    public const string NotJson =
        "content-type: a request that changes anything must say Content-Type: application/json, even without a body "
        + "(an HTML form or another site's page cannot)";

    public static string TokenMissing(string remote) =>
        $"authorization: a request from {remote}, beyond this device, needs 'Authorization: Bearer <access token>' "
        + $"with the token configured in {ApiOptions.Section}:AccessToken";

    public static string TokenWrong(string remote) =>
        $"authorization: the access token from {remote} is not the one configured in {ApiOptions.Section}:AccessToken";

    public static string NoTokenConfigured(string remote) =>
        $"authorization: a request from {remote}, beyond this device, needs an access token, and none is configured "
        + $"({ApiOptions.Section}:AccessToken or {ApiOptions.Section}:AccessTokenFile); on the device itself (loopback) none is needed";
}
