namespace HydroOxygen.Controller.Calibration;

/// <summary>
/// Why a calibration is not believed, as a key of the string table (<c>Service.Calibration.…</c>)
/// and its figures: the engineer side says it in the caller's language, the logs in English.
/// </summary>
public sealed record CalibrationProblem(string Key, params object[] Arguments)
{
    public const string TooFewPoints = "Service.Calibration.TooFewPoints";
    public const string NoResponse = "Service.Calibration.NoResponse";
    public const string SpanTooSmall = "Service.Calibration.SpanTooSmall";
    public const string GainBeyond = "Service.Calibration.GainBeyond";
    public const string OffsetBeyond = "Service.Calibration.OffsetBeyond";
    public const string OffTheLine = "Service.Calibration.OffTheLine";
    public const string StoredGainBeyond = "Service.Calibration.StoredGainBeyond";
    public const string StoredOffsetBeyond = "Service.Calibration.StoredOffsetBeyond";

    /// <summary>Every key, for the test that both languages have them.</summary>
    public static IReadOnlyList<string> Keys { get; } =
        [TooFewPoints, NoResponse, SpanTooSmall, GainBeyond, OffsetBeyond, OffTheLine, StoredGainBeyond, StoredOffsetBeyond];

    /// <summary>The key and figures (not a sentence: the string table makes one).</summary>
    public override string ToString() => $"{Key}({string.Join(", ", Arguments)})";
}
