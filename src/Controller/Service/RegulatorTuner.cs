using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Simulation;
using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.Controller.Service;

/// <summary>A set of gains tried by the tuner, with its worst figures over the model family.</summary>
/// <param name="ModelsMeetingTargets">How many plants of the family it regulates within the targets, with margin.</param>
/// <param name="WorstScore">Its worst figure over the family as a fraction of the target (≤ 1 meets it).</param>
/// <param name="Nominal">Its figures on the identified plant itself.</param>
public sealed record TuningCandidate(RegulatorSettings Settings, int ModelsMeetingTargets, double WorstScore, RegulationFigures Nominal);

/// <summary>
/// Model-based tuning: the identified valves go into the regulator's plant model, and the gains are
/// chosen by simulating each candidate against the DESIGN §2.3 targets on the identified plant.
/// </summary>
/// <remarks>
/// The pulse tests see every conductance only relative to the manifold's volume; the volume itself,
/// and with it how large the nozzle's fixed draw is against the manifold, cannot be observed
/// without a flow meter. So each candidate is judged on a family of identified plants whose
/// volumes span ±30 % (conductances scaled along, keeping what was measured), and the gains that
/// meet the targets on the most members — then with the best worst case — win.
/// </remarks>
public static class RegulatorTuner
{
    /// <summary>The unobservable volume scale spanned by the model family.</summary>
    public static IReadOnlyList<double> VolumeScales { get; } = [0.7, 1.0, 1.3];

    /// <summary>A model counts as meeting the targets only with every figure within this fraction of its limit: the models are not the device.</summary>
    private const double RequiredMargin = 0.85;

    private static readonly double[] ProportionalGains = [100.0, 150.0, 220.0, 320.0];
    private static readonly double[] IntegralGains = [300.0, 900.0, 2000.0, 4000.0];
    private static readonly double[] IntegratorErrorLimits = [0.02, 0.05];

    /// <summary>The regulator's plant model with the identified valves and bottle (gains untouched).</summary>
    public static RegulatorSettings WithIdentifiedPlant(
        RegulatorSettings current, ValveIdentification inlet, ValveIdentification vent, ChargeIdentification charge)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(inlet);
        ArgumentNullException.ThrowIfNull(vent);
        ArgumentNullException.ThrowIfNull(charge);
        return current with
        {
            InletC = current.InletC * inlet.ConductanceRatio,
            InletLagS = Math.Clamp(inlet.TimeConstantS, 0.005, 0.2),
            VentC = current.VentC * vent.ConductanceRatio,
            ChargeC = current.ChargeC * charge.ConductanceRatio,
            BottleHeadspaceMl = current.ManifoldMl * charge.HeadspaceRatio,
        };
    }

    /// <summary>The identified plant as a simulator plant, its volumes scaled by <paramref name="volumeScale"/>.</summary>
    public static PlantParameters Model(RegulatorSettings identified, double volumeScale, PlantParameters? basis = null)
    {
        ArgumentNullException.ThrowIfNull(identified);
        var plant = basis ?? PlantParameters.Default;
        var s = volumeScale;
        return plant with
        {
            ManifoldMl = identified.ManifoldMl * s,
            InletC = identified.InletC * s,
            InletTauMs = identified.InletLagS * 1000.0,
            VentC = identified.VentC * s,
            ChargeC = identified.ChargeC * s,
            BottleMl = (identified.BottleHeadspaceMl * s) + plant.LiquidMl,
            HoseMl = plant.HoseMl * s,
            SourceLineMl = plant.SourceLineMl * s,
        };
    }

    /// <summary>
    /// Every candidate judged on the model family, best first. The settings in use are among them,
    /// so a proposal is never worse on the identified plant than what the device already has.
    /// </summary>
    public static IReadOnlyList<TuningCandidate> Rank(
        ControllerSettings controller, RegulatorSettings current, RegulatorSettings identified, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(identified);
        var candidates = new List<TuningCandidate> { Judge(controller, current, identified) };
        foreach (var kp in ProportionalGains)
        {
            foreach (var ki in IntegralGains)
            {
                foreach (var limit in IntegratorErrorLimits)
                {
                    cancellation.ThrowIfCancellationRequested();
                    var settings = identified with { ProportionalGain = kp, IntegralGain = ki, IntegratorErrorLimitMpa = limit };
                    candidates.Add(Judge(controller, settings, identified));
                }
            }
        }

        // Stable sort: among equals the settings in use (first) stay.
        return candidates
            .OrderByDescending(c => c.ModelsMeetingTargets)
            .ThenBy(c => c.WorstScore)
            .ToList();
    }

    /// <summary>Regulator settings judged on the family of plants around the identified one.</summary>
    public static TuningCandidate Judge(ControllerSettings controller, RegulatorSettings settings, RegulatorSettings identifiedPlant)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(identifiedPlant);
        var meeting = 0;
        var worst = 0.0;
        RegulationFigures? nominal = null;
        foreach (var scale in VolumeScales)
        {
            var figures = RegulationCheck.Measure(controller with { Regulator = settings }, Model(identifiedPlant, scale));
            var score = Score(figures);
            meeting += score <= RequiredMargin ? 1 : 0;
            worst = Math.Max(worst, score);
            if (scale == 1.0)
            {
                nominal = figures;
            }
        }

        return new TuningCandidate(settings, meeting, worst, nominal!);
    }

    /// <summary>The worst of the figures as a fraction of its target (≤ 1 meets them all); a figure never reached counts as far off.</summary>
    private static double Score(RegulationFigures f)
    {
        static double Ratio(double value, double limit) => double.IsFinite(value) ? value / limit : 10.0;
        return new[]
        {
            Ratio(f.SettlingTimeS, RegulationFigures.SettlingLimitS),
            Ratio(f.OvershootMpa, RegulationFigures.OvershootLimitMpa),
            Ratio(f.SteadyStateErrorMpa, RegulationFigures.SteadyStateLimitMpa),
            Ratio(f.SprayRecoveryS, RegulationFigures.SprayRecoveryLimitS),
        }.Max();
    }
}
