using HydroOxygen.Controller.Core;

namespace HydroOxygen.Reliability.Routine;

/// <summary>What one sequence that kept every property is summarised by, for the run's figures.</summary>
/// <param name="WorstAlarm">The highest priority of any alarm raised (only Low may be); null for none.</param>
/// <param name="Refusals">Choices refused for a real reason (out of range, acne on compressed air, while spraying or shutting down).</param>
public readonly record struct RoutineOutcome(
    long Ticks,
    double SimulatedS,
    AlarmPriority? WorstAlarm,
    double PeakPOutTrueMpa,
    double PeakPBottleTrueMpa,
    double PeakPHoseTrueMpa,
    int Sprays,
    int Refusals,
    double LongestShutdownS,
    IReadOnlySet<AlarmCode> Raised);
