namespace HydroOxygen.Controller.Api;

/// <summary>The sentences of the OpenAPI document that are not field descriptions (those come from the request shapes).</summary>
public static class ApiDocumentMessages
{
    public const string Title = "Hydro-oxygen spray controller";

    public const string Description =
        "Local API of the controller (DESIGN §3.4). The /api/sim endpoints exist with the simulator backend only. "
        + "Only the device's own dashboard may change anything: a state-changing request needs Content-Type: application/json "
        + "even without a body (415 otherwise), an Origin, when sent, that is the device's own, and a Host the device answers to "
        + "(403 otherwise). From beyond the device itself (not loopback), operator requests need the access token "
        + "(Authorization: Bearer); the engineer endpoints need the engineer credential (HTTP Basic) from anywhere.";

    public const string EngineerScheme = "The service engineer's name and the engineer credential (Service:EngineerCredentialHash holds its hash).";

    public const string OperatorScheme =
        "The operator access token (Api:AccessToken or Api:AccessTokenFile). Needed only from beyond the device itself: "
        + "requests from loopback need no token.";

    public const string Forbidden =
        "Refused, nothing changed: the Host is not one the device answers to, the Origin is not the device's own, "
        + "or (from beyond the device) no access token is configured.";

    public const string EngineerForbidden = Forbidden + " Or no engineer credential is configured.";

    public const string UnsupportedMediaType = "Refused, nothing changed: the request does not say Content-Type: application/json (needed even without a body).";

    public const string OperatorUnauthorized = "Refused, nothing changed: from beyond the device, without the access token or with a wrong one.";

    public const string EngineerUnauthorized = "Refused, nothing changed: no engineer credential, or a wrong one.";

    public const string TooManyAttempts = "Refused, nothing changed: too many wrong engineer credentials lately (Retry-After says how long).";

    public const string EmptyBody = "No fields: send {} or nothing at all (still with Content-Type: application/json).";

    public const string Stream =
        "Server-sent events: a 'status' event (a StatusResponse document), a 'history' event (an array of LiveSample, "
        + "the last minute), then a 'sample' event (a LiveSample) every 50 ms and a 'status' event when it changes.";

    public const string Limit = "How many to list, newest first";
}
