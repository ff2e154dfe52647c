using System.Text.Json;
using System.Text.Json.Serialization;
using HydroOxygen.Controller.Calibration;
using HydroOxygen.Controller.Localization;
using HydroOxygen.Controller.Simulation;

namespace HydroOxygen.Controller.Service;

// The engineer endpoints' wire format (requests and answers), shared by the endpoints and the
// command-line client. Numbers are SI with the unit in the name, as everywhere in the API.

public sealed record HoldRequest(double? TargetMpa);

public sealed record ReferenceRequest(double? ReferenceMpa);

/// <param name="LimitMpa">The older form of the limit: the decay allowed over this test's <paramref name="DurationS"/>, MPa (read as that rate).</param>
/// <param name="LimitKpaPerMin">The pass limit as a rate, kPa/min; not together with <paramref name="LimitMpa"/>.</param>
public sealed record LeakTestRequest(double? PressureMpa, double? SettleS, double? DurationS, double? LimitMpa, double? LimitKpaPerMin = null);

public sealed record StepTestRequest(double? FromMpa, double? ToMpa, double? RecordS);

/// <param name="ReferenceId">The reference gauge's identifier (serial or asset number) for the certificate.</param>
public sealed record CertificateRequest(string? ReferenceId);

/// <summary>The calibration points with their errors as found and, where held again, as left.</summary>
public sealed record CalibrationVerificationResponse(IReadOnlyList<CertificatePoint> Points);

public sealed record ChannelInfo(string Channel, double Gain, double OffsetMpa, DateTimeOffset? CalibratedAt, string? Engineer);

public sealed record CalibrationInfo(bool Valid, int? Revision, string? Problem, IReadOnlyList<ChannelInfo> Channels);

public sealed record RegulatorInfo(int? Revision, DateTimeOffset? TunedAt, string? Engineer, double ProportionalGain, double IntegralGain, double IntegratorErrorLimitMpa, double InletC, double VentC, double ChargeC);

public sealed record HeldPointResponse(double TargetMpa, double RawOutMpa, double RawBottleMpa, double RawSrcMpa, double? SimulatorTrueMpa)
{
    public static HeldPointResponse From(HeldPoint p) => new(p.TargetMpa, p.RawOutletMpa, p.RawBottleMpa, p.RawSourceMpa, p.SimulatorTrueMpa);
}

/// <param name="BottleUnderPressure">
/// As on the device status: the bottle holds pressure, or cannot be read, while the device is not working
/// it (e.g. a Service exit that could not prove the spray valve shut left it sealed); null otherwise.
/// </param>
public sealed record ServiceStatusResponse(
    string State,
    string Procedure,
    string Phase,
    CalibrationInfo Calibration,
    RegulatorInfo Regulator,
    HeldPointResponse? Held,
    int PointsCollected,
    bool TuningPending,
    LeakTestResult? LastLeakTest,
    string? Owner,
    double? LeaseLeftS,
    bool Leaving,
    string? LastSessionEnd,
    Core.BottleWarningResponse? BottleUnderPressure = null);

/// <summary>The service session: who holds it, and how long it lasts without a sign of them.</summary>
public sealed record ServiceSessionResponse(string State, string? Owner, double LeaseS, double LeaseLeftS);

public sealed record ChannelFitResponse(
    string Channel,
    double Gain,
    double OffsetMpa,
    double WorstBeforeMpa,
    double WorstAfterMpa,
    IReadOnlyList<double> BeforeErrorsMpa,
    IReadOnlyList<double> AfterErrorsMpa,
    string? Problem)
{
    /// <summary>The fit, its problem said in <paramref name="text"/>'s language.</summary>
    public static ChannelFitResponse From(ChannelFit f, ResourceText text) =>
        new(f.Channel.ToString(), f.Gain, f.OffsetMpa, f.WorstBeforeMpa, f.WorstAfterMpa, f.BeforeErrorsMpa, f.AfterErrorsMpa, f.Problem is { } problem ? ServiceWords.Calibration(problem).In(text) : null);
}

public sealed record CalibrationProposalResponse(bool Acceptable, IReadOnlyList<ChannelFitResponse> Channels, IReadOnlyList<CalibrationReading> Points)
{
    public static CalibrationProposalResponse From(CalibrationProposal proposal, IReadOnlyList<CalibrationReading> points, ResourceText text) =>
        new(proposal.Acceptable, proposal.Channels.Select(c => ChannelFitResponse.From(c, text)).ToList(), points);
}

public sealed record CalibrationCommittedResponse(int Revision, IReadOnlyList<ChannelInfo> Channels);

/// <summary>A step response's figures; a figure the response never reached (it did not settle) is null.</summary>
public sealed record StepFigures(double? RiseTimeS, double? OvershootMpa, double? SettlingTimeS, double? SteadyStateErrorMpa)
{
    public static StepFigures From(StepResponse r) => new(Finite(r.RiseTimeS), Finite(r.OvershootMpa), Finite(r.SettlingTimeS), Finite(r.SteadyStateErrorMpa));

    internal static double? Finite(double value) => double.IsFinite(value) ? value : null;
}

/// <param name="Passed">Every figure within its DESIGN §2.3 target (<paramref name="Targets"/>).</param>
public sealed record StepTestResponse(double FromMpa, double ToMpa, StepFigures Figures, bool Passed, IReadOnlyList<StepTargetCheck> Targets)
{
    public static StepTestResponse From(StepTestResult r) =>
        new(r.FromMpa, r.ToMpa, StepFigures.From(r.Figures), StepTargets.Passed(r.Figures), StepTargets.Judge(r.Figures));
}

/// <summary>The DESIGN §2.3 figures; one never reached is null.</summary>
public sealed record TargetFigures(double? SettlingTimeS, double? OvershootMpa, double? SteadyStateErrorMpa, double? SprayDipMpa, double? SprayRecoveryS, bool MeetsTargets, IReadOnlyList<string> Misses)
{
    public static TargetFigures From(RegulationFigures f) => new(
        StepFigures.Finite(f.SettlingTimeS),
        StepFigures.Finite(f.OvershootMpa),
        StepFigures.Finite(f.SteadyStateErrorMpa),
        StepFigures.Finite(f.SprayDipMpa),
        StepFigures.Finite(f.SprayRecoveryS),
        f.MeetsTargets,
        f.Misses);
}

public sealed record GainsInfo(double ProportionalGain, double IntegralGain, double IntegratorErrorLimitMpa, double InletC, double InletLagS, double VentC, double ChargeC, double BottleHeadspaceMl);

public sealed record TuningResponse(
    double InletConductanceRatio,
    double InletLagS,
    double VentConductanceRatio,
    double VentDelayS,
    double ChargeConductanceRatio,
    double BottleHeadspaceRatio,
    GainsInfo Current,
    GainsInfo Proposed,
    TargetFigures PredictedWithCurrent,
    int ModelsMeetingTargetsWithCurrent,
    TargetFigures PredictedWithProposed,
    int ModelsMeetingTargetsWithProposed,
    int Models,
    StepFigures PredictedStep,
    StepFigures MeasuredStepWithCurrent,
    StepFigures MeasuredStepWithProposed,
    bool KeptCurrent,
    int CandidatesMeasured,
    IReadOnlyList<StepTargetCheck> MeasuredTargetsWithCurrent,
    IReadOnlyList<StepTargetCheck> MeasuredTargetsWithProposed)
{
    public static TuningResponse From(TuningProposal t) => new(
        t.Inlet.ConductanceRatio,
        t.Inlet.TimeConstantS,
        t.Vent.ConductanceRatio,
        t.Vent.TimeConstantS,
        t.Charge.ConductanceRatio,
        t.Charge.HeadspaceRatio,
        Gains(t.Current),
        Gains(t.Proposed),
        TargetFigures.From(t.PredictedWithCurrent.Nominal),
        t.PredictedWithCurrent.ModelsMeetingTargets,
        TargetFigures.From(t.PredictedWithProposed.Nominal),
        t.PredictedWithProposed.ModelsMeetingTargets,
        RegulatorTuner.VolumeScales.Count,
        StepFigures.From(t.PredictedStep.Figures),
        StepFigures.From(t.MeasuredWithCurrent.Figures),
        StepFigures.From(t.Measured.Figures),
        t.KeptCurrent,
        t.CandidatesMeasured,
        StepTargets.Judge(t.MeasuredWithCurrent.Figures),
        StepTargets.Judge(t.Measured.Figures));

    public static GainsInfo Gains(Core.RegulatorSettings r) =>
        new(r.ProportionalGain, r.IntegralGain, r.IntegratorErrorLimitMpa, r.InletC, r.InletLagS, r.VentC, r.ChargeC, r.BottleHeadspaceMl);
}

/// <summary>The latest leak tests in the service log, newest first.</summary>
public sealed record LeakTestHistoryResponse(IReadOnlyList<LeakTestResult> Tests);

/// <summary>The state after leaving Service, and what was discarded because it had not been committed.</summary>
public sealed record ServiceExitResponse(string State, string? Discarded);

public sealed record TuningAppliedResponse(int Revision, GainsInfo Regulator);

// Numbers are numbers: a reading given as "0.45" is refused, as the OpenAPI document says.
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(HoldRequest))]
[JsonSerializable(typeof(ReferenceRequest))]
[JsonSerializable(typeof(LeakTestRequest))]
[JsonSerializable(typeof(StepTestRequest))]
[JsonSerializable(typeof(ServiceStatusResponse))]
[JsonSerializable(typeof(HeldPointResponse))]
[JsonSerializable(typeof(CalibrationProposalResponse))]
[JsonSerializable(typeof(CalibrationCommittedResponse))]
[JsonSerializable(typeof(LeakTestResult))]
[JsonSerializable(typeof(LeakTestHistoryResponse))]
[JsonSerializable(typeof(CertificateRequest))]
[JsonSerializable(typeof(CalibrationVerificationResponse))]
[JsonSerializable(typeof(CalibrationCertificate))]
[JsonSerializable(typeof(StepTestResponse))]
[JsonSerializable(typeof(TuningResponse))]
[JsonSerializable(typeof(TuningAppliedResponse))]
[JsonSerializable(typeof(ServiceExitResponse))]
[JsonSerializable(typeof(ServiceSessionResponse))]
public sealed partial class ServiceJsonContext : JsonSerializerContext;
