using System.Text.Json;
using HydroOxygen.Controller.Persistence;
using Microsoft.Extensions.Logging;

namespace HydroOxygen.Controller.Localization;

/// <summary>
/// The device's language: the one chosen on its screen, kept in <c>ui-language.json</c> beside the
/// session records (replaced atomically, like the other device settings), or else the configured
/// <c>Ui:Language</c>. A file that cannot be read is logged and the configured language used.
/// </summary>
public sealed class DeviceLanguage
{
    public const string FileName = "ui-language.json";
    private readonly Lock _lock = new();
    private readonly string _path;
    private readonly ILogger _logger;
    private string? _chosen;

    public DeviceLanguage(UiOptions options, string directory, ILogger<DeviceLanguage> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        Configured = options.Language;
        _path = Path.Combine(directory, FileName);
        _logger = logger;
        _chosen = Load();
    }

    /// <summary><c>Ui:Language</c>.</summary>
    public string Configured { get; }

    /// <summary>The language chosen on the screen, if one was.</summary>
    public string? Chosen
    {
        get
        {
            lock (_lock)
            {
                return _chosen;
            }
        }
    }

    public string Current => Chosen ?? Configured;

    /// <summary>Stores the screen's choice (durably, before it takes effect). Throws <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> if it cannot.</summary>
    public void Choose(string language)
    {
        if (!Languages.IsExact(language))
        {
            throw new ArgumentException($"'{language}' is not a device language", nameof(language));
        }

        lock (_lock)
        {
            DurableFile.Replace(_path, JsonSerializer.SerializeToUtf8Bytes(new Stored(language, DateTimeOffset.UtcNow), LanguageJsonContext.Default.Stored));
            _chosen = language;
        }

        _logger.LogInformation("Device language set on the screen: {Language}", language);
    }

    private string? Load()
    {
        DurableFile.RemoveLeftovers(_path);
        if (!File.Exists(_path))
        {
            return null;
        }

        try
        {
            var stored = JsonSerializer.Deserialize(File.ReadAllBytes(_path), LanguageJsonContext.Default.Stored);
            if (stored is not null && Languages.IsExact(stored.Language))
            {
                return stored.Language;
            }

            _logger.LogWarning("{File} names no device language; using Ui:Language {Language}", _path, Configured);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            _logger.LogWarning("{File} could not be read ({Problem}); using Ui:Language {Language}", _path, ex.Message, Configured);
        }

        return null;
    }

    internal sealed record Stored(string Language, DateTimeOffset ChosenAt);
}

[System.Text.Json.Serialization.JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[System.Text.Json.Serialization.JsonSerializable(typeof(DeviceLanguage.Stored))]
internal sealed partial class LanguageJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
