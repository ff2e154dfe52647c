using System.Text;
using HydroOxygen.Controller.Localization;
using HydroOxygen.Controller.Service;
using HydroOxygen.Simulator.Plant;
using Xunit.Abstractions;

namespace HydroOxygen.ClosedLoop.Tests.Service;

/// <summary>
/// The calibrator's workflow (issue 15): errors as found, the calibration, an as-left verification
/// (every point held again with the new calibration and read on the gauge again), and a certificate
/// kept next to the stored calibration — on the README's sensor error of either sign.
/// </summary>
public class CalibrationCertificateTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(0.03, 0.02)]
    [InlineData(-0.03, -0.02)]
    public async Task A_calibration_is_verified_as_left_and_certified_with_its_due_date(double gainError, double offsetMpa)
    {
        var bench = new ServiceBench(PlantParameters.Default with { POutGainError = gainError, POutOffsetMpa = offsetMpa });
        using var scratch = new TemporaryDirectory("hydroxy-cert-");
        var options = new ServiceOptions { CalibrationIntervalDays = 180 };
        using var visit = new ServiceVisit(bench.Procedures, options, scratch.Path, TimeProvider.System);
        var gauge = new PlantReferenceGauge(bench.Plant);
        await bench.Procedures.EnterServiceAsync(CancellationToken.None);
        foreach (var target in ServiceProcedures.OrderPoints(ServiceProcedures.DefaultCalibrationPoints))
        {
            await visit.HoldAsync(target, CancellationToken.None);
            visit.AddReference(target > 0 ? await gauge.ReadAsync(target, CancellationToken.None) : 0.0);
        }

        var record = visit.CommitCalibration("alice");
        var verified = await visit.VerifyAsync(gauge, CancellationToken.None);
        var certificate = visit.IssueCertificate("alice", "DPG-2041", ResourceText.English);

        output.WriteLine(certificate.Text(ResourceText.English));
        Assert.Equal(record.Revision, certificate.Revision);
        Assert.True(certificate.Verified);
        Assert.Equal(4, verified.Count);
        var outlet = certificate.Channels.Single(c => c.Channel == "POut");
        Assert.InRange(outlet.WorstAsFoundMpa, 0.03, 0.045); // 3 % of 0.6 MPa and 20 kPa
        Assert.InRange(outlet.WorstAsLeftMpa!.Value, 0.0, 0.002);
        Assert.InRange(certificate.WorstAsLeftMpa!.Value, 0.0, 0.003);
        Assert.Equal(certificate.CalibratedAt.AddDays(180), certificate.DueAt);
        Assert.Equal([0.60, 0.45, 0.30, 0.0], certificate.Points.Select(p => p.TargetMpa));

        // Kept next to the stored calibration: text and CSV (UTF-8 with a byte-order mark), and read back.
        var csvBytes = File.ReadAllBytes(visit.Certificates.CsvPath(record.Revision));
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, csvBytes[..3]);
        var rows = Encoding.UTF8.GetString(csvBytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, rows.Length);
        Assert.StartsWith("revision,engineer,reference_id,calibrated_at,due_at,target_mpa", rows[0], StringComparison.Ordinal);
        Assert.Contains(",alice,DPG-2041,", rows[1], StringComparison.Ordinal);
        Assert.Equal(record.Revision, visit.Certificates.Latest());
        var text = visit.Certificates.Read(record.Revision, csv: false)!;
        Assert.Contains("DPG-2041", text, StringComparison.Ordinal);
        Assert.Contains(certificate.DueAt.ToLocalTime().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
        Assert.Contains("Verified as left", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_certificate_needs_a_calibration_committed_in_the_visit_and_a_reference_identifier()
    {
        var bench = new ServiceBench(PlantParameters.Default);
        using var scratch = new TemporaryDirectory("hydroxy-cert-");
        using var visit = new ServiceVisit(bench.Procedures, new ServiceOptions(), scratch.Path, TimeProvider.System);
        await bench.Procedures.EnterServiceAsync(CancellationToken.None);
        Assert.Contains("no calibration was committed", Assert.Throws<ServiceException>(() => visit.IssueCertificate("alice", "DPG-1", ResourceText.English)).Message, StringComparison.Ordinal);
        await visit.HoldAsync(0.3, CancellationToken.None);
        Assert.Contains("nothing to verify", Assert.Throws<ServiceException>(() => visit.AddVerification(0.3)).Message, StringComparison.Ordinal);
        Assert.Null(visit.Certificates.Latest());
    }
}
