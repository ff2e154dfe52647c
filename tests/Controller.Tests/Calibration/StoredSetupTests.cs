using System.Text.Json.Nodes;
using HydroOxygen.Controller.Calibration;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Persistence;
using HydroOxygen.Controller.Service;
using HydroOxygen.Hal;
using HydroOxygen.Controller.Tests.Scenarios;

namespace HydroOxygen.Controller.Tests.Calibration;

/// <summary>What the service starts with from its data directory.</summary>
public sealed class StoredSetupTests : IDisposable
{
    private static readonly DateTimeOffset When = new(2025, 5, 6, 10, 0, 0, TimeSpan.Zero);

    private readonly TemporaryDirectory _directory = new();

    /// <summary>Configured settings that differ from the defaults, so that "configured" is recognisable.</summary>
    private static readonly ControllerSettings Configured = ControllerSettings.Default with
    {
        LoopRateHz = 400.0,
        Regulator = new RegulatorSettings { ProportionalGain = 120.0, IntegralGain = 250.0 },
    };

    public void Dispose() => _directory.Dispose();

    private ServiceOptions Options => new() { Directory = _directory.Path };

    private CalibrationStore Calibrations => new(_directory.Path);

    private TuningStore Tunings => new(_directory.Path);

    [Fact]
    public void The_configured_settings_are_valid()
    {
        Assert.Empty(Configured.Problems(ControllerSettings.Section));
    }

    [Fact]
    public void A_relative_data_directory_is_taken_from_the_content_root_and_an_absolute_one_as_it_is()
    {
        Assert.Equal(Path.Combine("/opt/hydroxy", "data"), StoredSetup.DataDirectory(new ServiceOptions(), "/opt/hydroxy"));
        Assert.Equal("/var/lib/hydroxy", StoredSetup.DataDirectory(new ServiceOptions { Directory = "/var/lib/hydroxy" }, "/opt/hydroxy"));
    }

    [Fact]
    public void The_data_directory_is_found_from_the_content_root()
    {
        var stored = Calibrations.Save(null, All(1.02, 0.003), When);
        Assert.Equal(1, stored.Revision);

        var setup = StoredSetup.Load(new ServiceOptions { Directory = Path.GetFileName(_directory.Path) }, Configured, Path.GetDirectoryName(_directory.Path)!, simulatedTransducers: false);

        Assert.True(setup.Calibration.Valid);
        Assert.Equal(new PressureCalibration(1.02, 0.003), setup.Calibration.POut);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_missing_calibration_is_invalid_with_an_error(bool simulated)
    {
        var setup = StoredSetup.Load(Options, Configured, "/nonexistent", simulatedTransducers: simulated);

        Assert.False(setup.Calibration.Valid);
        var finding = Assert.Single(setup.Findings);
        Assert.Equal(SetupSeverity.Error, finding.Severity);
        Assert.Contains("no calibration at " + Calibrations.Path, finding.Message, StringComparison.Ordinal);
        Assert.Contains("will not spray", finding.Message, StringComparison.Ordinal);
        Assert.Same(Configured, setup.Settings);
    }

    [Fact]
    public void A_missing_calibration_is_excused_on_the_simulator_when_allowed_with_a_warning()
    {
        var setup = StoredSetup.Load(Options with { AllowNominalCalibrationWhenMissing = true }, Configured, "/nonexistent", simulatedTransducers: true);

        Assert.Equal(CalibrationSet.Factory, setup.Calibration);
        Assert.True(setup.Calibration.Valid);
        var finding = Assert.Single(setup.Findings);
        Assert.Equal(SetupSeverity.Warning, finding.Severity);
        Assert.Contains("nominal characteristic", finding.Message, StringComparison.Ordinal);
        Assert.Contains("AllowNominalCalibrationWhenMissing", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Allowing_a_missing_calibration_is_ignored_on_real_transducers_with_a_warning()
    {
        var setup = StoredSetup.Load(Options with { AllowNominalCalibrationWhenMissing = true }, Configured, "/nonexistent", simulatedTransducers: false);

        Assert.False(setup.Calibration.Valid);
        Assert.Equal(2, setup.Findings.Count);
        Assert.Equal(SetupSeverity.Warning, setup.Findings[0].Severity);
        Assert.Contains("AllowNominalCalibrationWhenMissing is ignored", setup.Findings[0].Message, StringComparison.Ordinal);
        Assert.Equal(SetupSeverity.Error, setup.Findings[1].Severity);
        Assert.Contains("no calibration at", setup.Findings[1].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    [InlineData(true, false)]
    public void A_corrupt_calibration_is_invalid_with_an_error_even_when_a_missing_one_would_be_excused(bool allowNominal, bool simulated)
    {
        Calibrations.Save(null, All(1.02, 0.003), When);
        var text = File.ReadAllText(Calibrations.Path);
        File.WriteAllText(Calibrations.Path, text[..(text.Length / 2)]);

        var setup = StoredSetup.Load(Options with { AllowNominalCalibrationWhenMissing = allowNominal }, Configured, "/nonexistent", simulatedTransducers: simulated);

        Assert.False(setup.Calibration.Valid);
        var error = Assert.Single(setup.Findings, f => f.Severity == SetupSeverity.Error);
        Assert.StartsWith("calibration is corrupt (" + Calibrations.Path, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(setup.Findings, f => f.Message.Contains("nominal characteristic", StringComparison.Ordinal));
    }

    [Fact]
    public void A_calibration_of_a_future_format_is_invalid_with_an_error()
    {
        ChecksummedDocument.Save(Calibrations.Path, CalibrationRecord.Kind, CalibrationRecord.Version + 1, new CalibrationRecord { Revision = 9 });

        var setup = StoredSetup.Load(Options, Configured, "/nonexistent", simulatedTransducers: false);

        Assert.False(setup.Calibration.Valid);
        var error = Assert.Single(setup.Findings);
        Assert.Equal(SetupSeverity.Error, error.Severity);
        Assert.Contains($"has version {CalibrationRecord.Version + 1}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PressureChannel.POut, 1.2, 0.0, "POut: gain 1.2 beyond")]
    [InlineData(PressureChannel.PBottle, 0.85, 0.0, "PBottle: gain 0.85 beyond")]
    [InlineData(PressureChannel.PSrc, 1.0, 0.08, "PSrc: offset 0.08 MPa beyond")]
    [InlineData(PressureChannel.POut, 1.0, -0.06, "POut: offset -0.06 MPa beyond")]
    public void A_stored_calibration_outside_the_plausible_limits_is_invalid_with_an_error(PressureChannel channel, double gain, double offsetMpa, string named)
    {
        // The store does not judge what it is given, and a hand edit can recompute the checksum.
        var good = Calibrations.Save(null, All(1.02, 0.003), When);
        Calibrations.Save(good, new Dictionary<PressureChannel, ChannelRecord> { [channel] = new() { Gain = gain, OffsetMpa = offsetMpa, CalibratedAt = When } }, When);
        Assert.True(Calibrations.Load().IsOk);

        var setup = StoredSetup.Load(Options, Configured, "/nonexistent", simulatedTransducers: true);

        Assert.False(setup.Calibration.Valid);
        var error = Assert.Single(setup.Findings);
        Assert.Equal(SetupSeverity.Error, error.Severity);
        Assert.Contains("outside the plausible limits", error.Message, StringComparison.Ordinal);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.Contains(Calibrations.Path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hand_edited_calibration_with_a_recomputed_checksum_is_still_judged()
    {
        Calibrations.Save(null, All(1.02, 0.003), When);
        var document = JsonNode.Parse(File.ReadAllText(Calibrations.Path))!.AsObject();
        document["content"]!["pSrc"]!["gain"] = 1.5;
        document["sha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(document["content"]!.ToJsonString())));
        File.WriteAllText(Calibrations.Path, document.ToJsonString());
        Assert.Equal(1.5, Calibrations.Load().Value!.PSrc.Gain);

        var setup = StoredSetup.Load(Options, Configured, "/nonexistent", simulatedTransducers: false);

        Assert.False(setup.Calibration.Valid);
        Assert.Contains("PSrc: gain 1.5 beyond", Assert.Single(setup.Findings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stricter_limits_configured_since_a_calibration_make_it_invalid()
    {
        Calibrations.Save(null, All(1.04, 0.003), When);

        var lenient = StoredSetup.Load(Options, Configured, "/nonexistent", simulatedTransducers: false);
        var strict = StoredSetup.Load(Options with { Calibration = new CalibrationLimits { MaxGainError = 0.03 } }, Configured, "/nonexistent", simulatedTransducers: false);

        Assert.True(lenient.Calibration.Valid);
        Assert.False(strict.Calibration.Valid);
        Assert.Equal(3, Assert.Single(strict.Findings).Message.Split("gain 1.04 beyond").Length - 1);
    }

    [Fact]
    public void A_valid_calibration_is_used_with_its_coefficients()
    {
        var first = Calibrations.Save(null, All(1.02, 0.003), When);
        Calibrations.Save(
            first,
            new Dictionary<PressureChannel, ChannelRecord>
            {
                [PressureChannel.PBottle] = new() { Gain = 0.97, OffsetMpa = -0.004, CalibratedAt = When, Engineer = "B. Fitter" },
                [PressureChannel.PSrc] = new() { Gain = 1.05, OffsetMpa = 0.012, CalibratedAt = When, Engineer = "B. Fitter" },
            },
            When);

        var setup = StoredSetup.Load(Options, Configured, "/nonexistent", simulatedTransducers: false);

        Assert.Equal(new CalibrationSet(new(1.02, 0.003), new(0.97, -0.004), new(1.05, 0.012), Valid: true), setup.Calibration);
        var finding = Assert.Single(setup.Findings);
        Assert.Equal(SetupSeverity.Information, finding.Severity);
        Assert.Equal($"calibration revision 2 loaded from {Calibrations.Path}", finding.Message);
    }

    [Fact]
    public void Without_stored_tuning_the_configured_settings_are_used_without_a_finding()
    {
        Calibrations.Save(null, All(1.0, 0.0), When);

        var setup = StoredSetup.Load(Options, Configured, "/nonexistent", simulatedTransducers: false);

        Assert.Same(Configured, setup.Settings);
        Assert.DoesNotContain(setup.Findings, f => f.Message.Contains("tuning", StringComparison.Ordinal));
    }

    [Fact]
    public void Valid_stored_tuning_replaces_the_configured_regulator_settings_and_nothing_else()
    {
        Calibrations.Save(null, All(1.0, 0.0), When);
        var tuned = new RegulatorSettings { ProportionalGain = 180.0, IntegralGain = 420.0, InletC = 0.22, VentC = 0.06 };
        var first = Tunings.Save(null, new RegulatorSettings { ProportionalGain = 140.0 }, "A. Tuner", When.AddDays(-7));
        Tunings.Save(first, tuned, "B. Tuner", When);

        var setup = StoredSetup.Load(Options, Configured, "/nonexistent", simulatedTransducers: false);

        Assert.Equal(tuned, setup.Settings.Regulator);
        Assert.Equal(Configured with { Regulator = tuned }, setup.Settings);
        Assert.Equal(400.0, setup.Settings.LoopRateHz);
        var finding = Assert.Single(setup.Findings, f => f.Message.Contains("tuning", StringComparison.Ordinal));
        Assert.Equal(SetupSeverity.Information, finding.Severity);
        Assert.Equal($"regulator tuning revision 2 (B. Tuner, 2025-05-06) loaded from {Tunings.Path}", finding.Message);
    }

    [Fact]
    public void Corrupt_stored_tuning_falls_back_to_the_configured_settings_with_a_warning()
    {
        Calibrations.Save(null, All(1.0, 0.0), When);
        Tunings.Save(null, new RegulatorSettings { ProportionalGain = 180.0 }, "B. Tuner", When);
        var bytes = File.ReadAllBytes(Tunings.Path);
        bytes[bytes.Length / 2] ^= 0x04;
        File.WriteAllBytes(Tunings.Path, bytes);

        var setup = StoredSetup.Load(Options, Configured, "/nonexistent", simulatedTransducers: false);

        Assert.Same(Configured, setup.Settings);
        Assert.True(setup.Calibration.Valid);
        var warning = Assert.Single(setup.Findings, f => f.Severity == SetupSeverity.Warning);
        Assert.StartsWith("regulator tuning is corrupt (" + Tunings.Path, warning.Message, StringComparison.Ordinal);
        Assert.Contains("configured settings", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(setup.Findings, f => f.Severity == SetupSeverity.Error);
    }

    [Fact]
    public void Stored_tuning_the_settings_refuse_falls_back_to_the_configured_settings_with_a_warning()
    {
        Calibrations.Save(null, All(1.0, 0.0), When);
        Tunings.Save(null, new RegulatorSettings { ProportionalGain = -5.0, VentC = 9.0 }, "B. Tuner", When);

        var setup = StoredSetup.Load(Options, Configured, "/nonexistent", simulatedTransducers: false);

        Assert.Same(Configured, setup.Settings);
        var warning = Assert.Single(setup.Findings, f => f.Severity == SetupSeverity.Warning);
        Assert.Contains($"regulator tuning {Tunings.Path} is not valid", warning.Message, StringComparison.Ordinal);
        Assert.Contains("ProportionalGain", warning.Message, StringComparison.Ordinal);
        Assert.Contains("VentC", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tuning_and_calibration_are_judged_separately()
    {
        // A corrupt calibration does not throw away good tuning, and the other way round.
        var tuned = new RegulatorSettings { ProportionalGain = 175.0 };
        Tunings.Save(null, tuned, "B. Tuner", When);
        File.WriteAllText(Calibrations.Path, "{}");

        var setup = StoredSetup.Load(Options, Configured, "/nonexistent", simulatedTransducers: false);

        Assert.False(setup.Calibration.Valid);
        Assert.Equal(tuned, setup.Settings.Regulator);
    }

    private static Dictionary<PressureChannel, ChannelRecord> All(double gain, double offsetMpa) =>
        Enum.GetValues<PressureChannel>().ToDictionary(c => c, _ => new ChannelRecord { Gain = gain, OffsetMpa = offsetMpa, CalibratedAt = When, Engineer = "A. Fitter" });
}
