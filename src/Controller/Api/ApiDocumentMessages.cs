namespace HydroOxygen.Controller.Api;

/// <summary>
/// The sentences of the OpenAPI document that are not field descriptions (those come from the
/// request shapes, in English). The document is for programmers, not for the technician: like the
/// log, it stays English, while the answers it describes speak the request's language.
/// </summary>
public static class ApiDocumentMessages
{
    public const string Title = "Hydro-oxygen spray controller";

    public const string Description =
        "Local API of the controller (DESIGN §3.4). The /api/sim endpoints exist with the simulator backend only. "
        + "Only the device's own dashboard may change anything: a state-changing request needs Content-Type: application/json "
        + "even without a body (415 otherwise), an Origin, when sent, that is the device's own, and a Host the device answers to "
        + "(403 otherwise). From beyond the device itself (not loopback), operator requests need the access token "
        + "(Authorization: Bearer); the engineer endpoints need the engineer credential (HTTP Basic) from anywhere. "
        + "Answers are in the request's language (zh-CN or en): the browser's own choice (the hydroxy-lang cookie that "
        + "POST /api/ui/language sets away from the device), on the device itself the device's language, elsewhere the first "
        + "of the two that Accept-Language names, otherwise the device's. Every refusal is a problem document (RFC 9457) with "
        + "a stable 'code' beside its words.";

    public const string EngineerScheme = "The service engineer's name and the engineer credential (Service:EngineerCredentialHash holds its hash).";

    public const string OperatorScheme =
        "The operator access token (Api:AccessToken or Api:AccessTokenFile). Needed only from beyond the device itself: "
        + "requests from loopback need no token.";

    /// <summary>403 is a caller refused whoever they are; a missing or wrong credential is 401 (authenticate).</summary>
    private const string CallerForbidden =
        "Refused, nothing changed: the Host is not one the device answers to, the Origin is not the device's own";

    public const string Forbidden = CallerForbidden + ", or (from beyond the device) no access token is configured.";

    /// <summary>The engineer endpoints take the engineer credential, never the operator's access token.</summary>
    public const string EngineerForbidden = CallerForbidden + ", or no engineer credential is configured.";

    public const string UnsupportedMediaType = "Refused, nothing changed: the request does not say Content-Type: application/json (needed even without a body).";

    public const string OperatorUnauthorized = "Refused, nothing changed: from beyond the device, without the access token or with a wrong one.";

    public const string EngineerUnauthorized = "Refused, nothing changed: no engineer credential, or a wrong one.";

    public const string TooManyAttempts = "Refused, nothing changed: too many wrong engineer credentials lately (Retry-After says how long).";

    public const string EmptyBody = "No fields: send {} or nothing at all (still with Content-Type: application/json).";

    public const string Stream =
        "Server-sent events: a 'status' event (a StatusResponse document), a 'history' event (an array of LiveSample, "
        + "the last minute), then a 'sample' event (a LiveSample) every 50 ms and a 'status' event when it changes.";

    public const string Limit = "How many to list, newest first";
    public const string SummaryFrom = "The first local day (yyyy-MM-dd); default: six days before 'to'";
    public const string SummaryTo = "The last local day (yyyy-MM-dd); default: today on the device";

    public const string ProblemCode =
        "The stable machine code of the refusal, the same in every language: the API's own (a body, a header, a caller refused) "
        + "or the control core's (a value out of range, a state that does not allow the command).";

    public const string ProblemMessage = "The refusal in the request's language, for a screen to show beside the field or the control at fault.";

    public const string ProblemTitle = "What kind of refusal it is, in the request's language.";

    public const string ProblemDetail = "'field: message' where a field or header is at fault (the field of a 400 is also named in errors), otherwise the message; in the request's language.";

    public const string UiStrings =
        "Every text of the screen, keyed as in the string table, in the request's language. 'scope' says what the language switch "
        + "changes for this caller: 'device' on the device itself (the device's language), 'browser' elsewhere (this browser's, a cookie).";

    public const string UiLanguage =
        "Switches the language. On the device itself (loopback) it is the device's language, stored with its data and kept across "
        + "restarts (and a browser's own choice is cleared); elsewhere it is this browser's only, kept in the hydroxy-lang cookie.";

    public const string LanguageChosen = "The language now in force, and whose it is ('device' or 'browser').";

    public const string LanguageCookie = "Away from the device: hydroxy-lang=<language>, this browser's choice (on the device itself the cookie is cleared).";

    public const string LanguageNotSaved = "The device's language could not be stored (its data directory is not writable); nothing was changed.";

    public const string AcceptLanguage = "Used by a browser away from the device that has made no choice of its own (zh, zh-CN, zh-Hans… mean zh-CN; any en means en).";
}
