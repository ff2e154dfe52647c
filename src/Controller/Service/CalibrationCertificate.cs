using System.Globalization;
using System.Text;
using HydroOxygen.Controller.Calibration;
using HydroOxygen.Controller.Localization;
using HydroOxygen.Controller.Persistence;

namespace HydroOxygen.Controller.Service;

/// <summary>One calibration point as found (before) and as left (after): the reference and each channel's error, MPa.</summary>
/// <param name="AsFoundErrorsMpa">Reading − reference with the calibration in use before, P_out, P_bottle, P_src.</param>
/// <param name="AsLeftReferenceMpa">The reference gauge at the point held again with the new calibration; null if not verified.</param>
/// <param name="AsLeftErrorsMpa">Reading − reference with the new calibration, measured again; empty if not verified.</param>
public sealed record CertificatePoint(
    double TargetMpa,
    double AsFoundReferenceMpa,
    IReadOnlyList<double> AsFoundErrorsMpa,
    double? AsLeftReferenceMpa,
    IReadOnlyList<double> AsLeftErrorsMpa);

/// <summary>A channel's calibration on the certificate.</summary>
public sealed record CertificateChannel(string Channel, double Gain, double OffsetMpa, double WorstAsFoundMpa, double? WorstAsLeftMpa);

/// <summary>
/// The calibration certificate kept with a stored calibration: the points with their errors as found
/// and as left (measured again with the new calibration), the reference gauge's identifier, the
/// engineer, the date and the date the next calibration is due.
/// </summary>
public sealed record CalibrationCertificate(
    int Revision,
    string Engineer,
    string ReferenceId,
    DateTimeOffset CalibratedAt,
    DateTimeOffset DueAt,
    IReadOnlyList<CertificateChannel> Channels,
    IReadOnlyList<CertificatePoint> Points)
{
    /// <summary>The channels in the order of the error lists.</summary>
    public static IReadOnlyList<string> ChannelNames { get; } = ["POut", "PBottle", "PSrc"];

    /// <summary>Every point was measured again with the new calibration.</summary>
    public bool Verified => Points.Count > 0 && Points.All(p => p.AsLeftReferenceMpa is not null);

    /// <summary>The worst as-left error over every channel and point, MPa; null if nothing was verified.</summary>
    public double? WorstAsLeftMpa => Points.Any(p => p.AsLeftErrorsMpa.Count > 0) ? Points.SelectMany(p => p.AsLeftErrorsMpa).Max(Math.Abs) : null;

    /// <summary>CSV for a spreadsheet: UTF-8 with a byte-order mark (added by the writer), one row per point, stable column names.</summary>
    public string Csv()
    {
        var c = CultureInfo.InvariantCulture;
        var csv = new StringBuilder();
        csv.Append("revision,engineer,reference_id,calibrated_at,due_at,target_mpa,as_found_reference_mpa,as_found_error_pout_kpa,as_found_error_pbottle_kpa,as_found_error_psrc_kpa,as_left_reference_mpa,as_left_error_pout_kpa,as_left_error_pbottle_kpa,as_left_error_psrc_kpa\r\n");
        foreach (var p in Points)
        {
            csv.Append(string.Join(',',
                Revision.ToString(c), Quote(Engineer), Quote(ReferenceId), Local(CalibratedAt), Local(DueAt),
                p.TargetMpa.ToString("0.000", c), p.AsFoundReferenceMpa.ToString("0.0000", c),
                Kpa(p.AsFoundErrorsMpa, 0), Kpa(p.AsFoundErrorsMpa, 1), Kpa(p.AsFoundErrorsMpa, 2),
                p.AsLeftReferenceMpa?.ToString("0.0000", c) ?? "",
                Kpa(p.AsLeftErrorsMpa, 0), Kpa(p.AsLeftErrorsMpa, 1), Kpa(p.AsLeftErrorsMpa, 2)));
            csv.Append("\r\n");
        }

        return csv.ToString();
    }

    /// <summary>The certificate as text for a person, in <paramref name="text"/>'s language.</summary>
    public string Text(ResourceText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var c = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        s.AppendLine(text["Cert.Title"]);
        s.AppendLine(text["Cert.Revision", Revision]);
        s.AppendLine(text["Cert.Engineer", Engineer]);
        s.AppendLine(text["Cert.Reference", ReferenceId]);
        s.AppendLine(text["Cert.Date", Local(CalibratedAt)]);
        s.AppendLine(text["Cert.Due", Local(DueAt)]);
        s.AppendLine();
        s.AppendLine(text["Cert.ChannelsHeader"]);
        foreach (var ch in Channels)
        {
            s.AppendLine(string.Create(c, $"  {ch.Channel,-8} {ch.Gain,8:0.0000} {ch.OffsetMpa * 1000,9:0.00} {ch.WorstAsFoundMpa * 1000,10:0.00} {(ch.WorstAsLeftMpa is { } l ? (l * 1000).ToString("0.00", c) : "—"),10}"));
        }

        s.AppendLine();
        s.AppendLine(text["Cert.PointsHeader"]);
        foreach (var p in Points)
        {
            s.AppendLine(string.Create(c, $"  {p.TargetMpa,6:0.000} {p.AsFoundReferenceMpa,9:0.0000} {Kpa(p.AsFoundErrorsMpa, 0),8} {Kpa(p.AsFoundErrorsMpa, 1),8} {Kpa(p.AsFoundErrorsMpa, 2),8}  {(p.AsLeftReferenceMpa is { } r ? r.ToString("0.0000", c) : "—"),9} {Kpa(p.AsLeftErrorsMpa, 0),8} {Kpa(p.AsLeftErrorsMpa, 1),8} {Kpa(p.AsLeftErrorsMpa, 2),8}"));
        }

        s.AppendLine();
        s.AppendLine(Verified ? text["Cert.Verified", (WorstAsLeftMpa!.Value * 1000).ToString("0.00", c)] : text["Cert.NotVerified"]);
        return s.ToString();
    }

    private static string Kpa(IReadOnlyList<double> errors, int channel) =>
        channel < errors.Count ? (errors[channel] * 1000).ToString("0.00", CultureInfo.InvariantCulture) : "";

    private static string Local(DateTimeOffset at) => at.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}

/// <summary>
/// The certificates kept next to the stored calibration (<c>calibration.json</c>): per revision a
/// text and a CSV file (<c>calibration-certificate-r{N}.txt|.csv</c>), written atomically.
/// </summary>
public sealed class CertificateStore(string directory)
{
    public string TextPath(int revision) => Path.Combine(directory, $"calibration-certificate-r{revision.ToString(CultureInfo.InvariantCulture)}.txt");

    public string CsvPath(int revision) => Path.Combine(directory, $"calibration-certificate-r{revision.ToString(CultureInfo.InvariantCulture)}.csv");

    public void Save(CalibrationCertificate certificate, ResourceText text)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        Directory.CreateDirectory(directory);
        DurableFile.Replace(CsvPath(certificate.Revision), Encoding.UTF8.GetBytes(Records.SessionCsv.ByteOrderMark + certificate.Csv()));
        DurableFile.Replace(TextPath(certificate.Revision), Encoding.UTF8.GetBytes(certificate.Text(text)));
    }

    /// <summary>The newest revision with a certificate, or null.</summary>
    public int? Latest() =>
        Directory.Exists(directory)
            ? Directory.GetFiles(directory, "calibration-certificate-r*.csv")
                .Select(f => Path.GetFileNameWithoutExtension(f)["calibration-certificate-r".Length..])
                .Select(n => int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : (int?)null)
                .Max()
            : null;

    /// <summary>A certificate's text or CSV (with its byte-order mark), or null if there is none for that revision.</summary>
    public string? Read(int revision, bool csv)
    {
        var path = csv ? CsvPath(revision) : TextPath(revision);
        if (!File.Exists(path))
        {
            return null;
        }

        var content = File.ReadAllText(path, Encoding.UTF8);
        return csv ? Records.SessionCsv.ByteOrderMark + content : content;
    }
}
