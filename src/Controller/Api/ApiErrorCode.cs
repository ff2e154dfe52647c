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

    /// <summary>An engineer operation refused by the service desk (its text is the desk's, in English).</summary>
    ServiceRefused,
}
