using HydroOxygen.Controller.Localization;

namespace HydroOxygen.Controller.Service;

/// <summary>
/// A service operation could not be carried out. <see cref="Text"/> says why in the engineer's
/// terms, in any language; <see cref="Field"/> names the request field or the work at fault
/// (<c>points</c>, <c>calibration</c>), or is null. <see cref="Exception.Message"/> is the English
/// <c>field: sentence</c>, for logs.
/// </summary>
public class ServiceException : Exception
{
    public ServiceException(ServiceText text, string? field = null, Exception? inner = null)
        : base(English(text, field), inner)
    {
        Text = text;
        Field = field;
    }

    /// <summary>A sentence from elsewhere, already in words (<c>field: sentence</c> or a sentence).</summary>
    public ServiceException(string message)
        : this(message, null)
    {
    }

    public ServiceException(string message, Exception? inner)
        : this(ServiceText.Verbatim(SentenceOf(message, out var field)), field, inner)
    {
    }

    public ServiceText Text { get; }

    public string? Field { get; }

    /// <summary>The refusal in the language of <paramref name="text"/>: <c>field: sentence</c>, or the sentence.</summary>
    public string Describe(ResourceText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Field is null ? Text.In(text) : $"{Field}: {Text.In(text)}";
    }

    private static string English(ServiceText text, string? field)
    {
        ArgumentNullException.ThrowIfNull(text);
        return field is null ? text.ToString() : $"{field}: {text}";
    }

    private static string SentenceOf(string message, out string? field)
    {
        ArgumentNullException.ThrowIfNull(message);
        var colon = message.IndexOf(':', StringComparison.Ordinal);
        field = colon > 0 && message.AsSpan(0, colon).ContainsAnyExcept(FieldCharacters) is false ? message[..colon] : null;
        return field is null ? message : message[(colon + 1)..].TrimStart();
    }

    private static readonly System.Buffers.SearchValues<char> FieldCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
}

/// <summary>Another engineer operation is already running.</summary>
public sealed class ServiceBusyException() : ServiceException(new ServiceText("Service.Busy"));

/// <summary>Another engineer holds the service session: who, and what the device is doing for them.</summary>
public sealed class ServiceHeldException(string? owner, ServiceText step)
    : ServiceException(new ServiceText("Error.ServiceHeldByOther", owner is null ? new ServiceText("Service.AnotherEngineer") : ServiceText.Verbatim(owner), step))
{
    /// <summary>The engineer holding the session, if the controller knows their name.</summary>
    public string? Owner => owner;

    public ServiceText Step => step;
}
