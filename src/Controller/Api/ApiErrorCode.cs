namespace HydroOxygen.Controller.Api;

/// <summary>
/// The stable machine codes of the API's refusals that are not the control core's own
/// (<see cref="Core.CommandOutcome"/> names are codes too). Each answer carries its code in
/// <c>code</c> beside the text in the request's language; every code has a text in both
/// languages (<c>Error.&lt;code&gt;</c>), and a test enumerates them.
/// </summary>
public enum ApiErrorCode
{
    BodyTooLarge,
    ContentTypeNotJson,
    BodyRequired,
    BodyMalformed,
    BodyNotObject,
    FieldUnknown,
    FieldRepeated,
    FieldWrongType,
    FieldRequired,
    CommandQueueFull,
    NoSuchSession,
    RecordsUnavailable,
    LimitInvalid,
    DateInvalid,
    DateRangeInvalid,
    ClientCodeInvalid,
    NoOpenSession,
    ClientCodeNotWritten,
    NotFound,
    MethodNotAllowed,
    InternalError,
    PedalLeaseOutOfRange,
    FaultUnknown,
    FaultTargetUnknown,
    FaultTakesNoValue,
    FaultInvalid,
    LoopStallNotInjectable,
    LanguageUnsupported,
    LanguageNotSaved,

    /// <summary>No treatment plan has been started since power-on: there is no summary.</summary>
    NoPlanSummary,

    /// <summary>The caller guard: a Host the device does not answer to (as in DNS rebinding).</summary>
    HostUnknown,

    /// <summary>The caller guard: a request without a Host.</summary>
    HostMissing,

    /// <summary>The caller guard: a change sent from a page of another origin.</summary>
    OriginForeign,

    /// <summary>The caller guard: an operator request from beyond the device without the access token.</summary>
    AccessTokenMissing,

    /// <summary>The caller guard: an operator request from beyond the device with a wrong access token.</summary>
    AccessTokenWrong,

    /// <summary>The caller guard: an operator request from beyond the device, where no access token is configured.</summary>
    AccessTokenNotConfigured,

    /// <summary>
    /// An engineer operation refused by the service desk or by its credential check (401, 403, 429);
    /// the text is the service desk's sentence in the request's language.
    /// </summary>
    ServiceRefused,

    /// <summary>A number outside the range its field allows (consumables, service intervals).</summary>
    ValueOutOfRange,

    /// <summary>A wear item the device does not count.</summary>
    WearItemUnknown,

    /// <summary>A consumables or maintenance record could not be written to disk: nothing was changed on it.</summary>
    SuppliesNotSaved,

    /// <summary>Another engineer holds the service session (the answer names them and what the device is doing).</summary>
    ServiceHeldByOther,
}
