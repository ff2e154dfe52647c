using System.Text.Json.Serialization;
using HydroOxygen.Controller.Calibration;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Simulation;

namespace HydroOxygen.Controller.Service;

/// <summary>A calibration measured and fitted, waiting for the engineer to accept it.</summary>
public sealed record CalibrationProposal(IReadOnlyList<ChannelFit> Channels)
{
    public bool Acceptable => Channels.All(c => c.Acceptable);

    public IReadOnlyList<ServiceText> Problems =>
        [.. Channels.Where(c => c.Problem is not null).Select(c => new ServiceText("Service.Calibration.ChannelProblem", c.Channel.ToString(), ServiceWords.Calibration(c.Problem!)))];
}

/// <summary>A calibration pressure held: the raw readings of the three transducers there.</summary>
/// <param name="SimulatorTrueMpa">On the simulator, the plant's true pressure (the simulated bench's reference gauge); null on hardware.</param>
public sealed record HeldPoint(double TargetMpa, double RawOutletMpa, double RawBottleMpa, double RawSourceMpa, double? SimulatorTrueMpa)
{
    public CalibrationReading WithReference(double referenceMpa)
    {
        if (ReferenceCheck.Problem(TargetMpa, referenceMpa) is { } problem)
        {
            throw new ServiceException(problem, "referenceMpa");
        }

        return new CalibrationReading(TargetMpa, referenceMpa, RawOutletMpa, RawBottleMpa, RawSourceMpa);
    }
}

/// <summary>A calibration point: the reference gauge's reading and the three transducers' raw readings.</summary>
public sealed record CalibrationReading(double TargetMpa, double ReferenceMpa, double RawOutletMpa, double RawBottleMpa, double RawSourceMpa);

/// <summary>The outcome of a leak test, judged by rate (kPa/min) so that the measuring time does not decide it.</summary>
/// <param name="StartMpa">Mean P_out over a short window at the start of the measuring time (or, if the test pressure was never reached, the pressure reached).</param>
/// <param name="EndMpa">Mean P_out over a short window at its end.</param>
/// <param name="DurationS">Time between the two windows' middles; 0 if nothing could be measured.</param>
/// <param name="LimitKpaPerMin">The pass limit, kPa/min.</param>
/// <param name="VolumeMl">The isolated gas volume the leak is converted with (manifold and bottle gas space as the controller's settings know them), mL; 0 if unknown.</param>
/// <param name="Failure">Why the decay could not be measured (a leak too large to reach the test pressure); null when it was. English as stored; said in the reader's language by <see cref="In"/>.</param>
/// <param name="Engineer">Who ran it.</param>
public sealed record LeakTestResult(
    DateTimeOffset At,
    double PressureMpa,
    double StartMpa,
    double EndMpa,
    double DurationS,
    double LimitKpaPerMin,
    double VolumeMl,
    string? Failure = null,
    string? Engineer = null)
{
    /// <summary>Standard atmosphere, kPa: a standard cm³ is one at this pressure (and the gas's temperature).</summary>
    public const double StandardKpa = 101.325;

    public double DecayMpa => StartMpa - EndMpa;

    public double DecayMpaPerMinute => DurationS > 0 ? DecayMpa / DurationS * 60.0 : 0.0;

    /// <summary>The leak as a pressure rate, kPa/min.</summary>
    public double LeakKpaPerMin => DecayMpaPerMinute * 1000.0;

    /// <summary>The limit as a decay over this test's measuring time, MPa (the older form of the limit).</summary>
    public double LimitMpa => LimitKpaPerMin / 1000.0 * DurationS / 60.0;

    /// <summary>
    /// The leak as gas flow at the test pressure, standard cm³/min: V·(dp/dt)/p_std, isothermal (the
    /// isolated gas stays at the wall's temperature over a slow leak); null when the volume is unknown
    /// or nothing was measured.
    /// </summary>
    public double? LeakSccm => VolumeMl > 0 && DurationS > 0 ? VolumeMl * LeakKpaPerMin / StandardKpa : null;

    public bool Passed => Failure is null && LeakKpaPerMin <= LimitKpaPerMin;

    /// <summary>The failure as a sentence of the table; null when there is none, or for an entry logged before failures were stored as key and figures.</summary>
    [JsonIgnore]
    public ServiceText? FailureText { get; init; }

    /// <summary>The result as a reader sees it: the failure in <paramref name="text"/>'s language (one logged only in English stays so).</summary>
    public LeakTestResult In(Localization.ResourceText text) =>
        FailureText is { } failure ? this with { Failure = failure.In(text) } : this;
}

/// <summary>A measured step response with its figures of merit.</summary>
public sealed record StepTestResult(double FromMpa, double ToMpa, StepResponse Figures, double[] Times, double[] OutletMpa);

/// <summary>
/// Regulator settings proposed by auto-tuning, with the evidence: what was identified, how the
/// settings in use and the proposal do against the targets on the identified plant (simulated), and
/// the step response predicted and measured on the device. Gains are proposed only when their step
/// measured on the device is worse than the gains in use on none of <see cref="StepTargets.Compared"/>
/// and better on one; otherwise the gains in use are kept (<see cref="KeptCurrent"/>).
/// </summary>
public sealed record TuningProposal(
    RegulatorSettings Current,
    RegulatorSettings Proposed,
    ValveIdentification Inlet,
    ValveIdentification Vent,
    ChargeIdentification Charge,
    TuningCandidate PredictedWithCurrent,
    TuningCandidate PredictedWithProposed,
    StepTestResult PredictedStep,
    StepTestResult MeasuredWithCurrent,
    StepTestResult Measured,
    int CandidatesMeasured = 0)
{
    /// <summary>No candidate measured better than the gains in use: they are kept, nothing is proposed.</summary>
    public bool KeptCurrent => ReferenceEquals(Proposed, Current);
}
