namespace HydroOxygen.Controller.Simulation.Traces;

/// <summary>
/// What the plot marks besides the samples: the scenario's steps, its faults and its expectation
/// windows with their verdicts. Plain figures and labels, so the plot needs nothing of the scenario module.
/// </summary>
public sealed record PlotAnnotations
{
    public IReadOnlyList<PlotStep> Steps { get; init; } = [];

    public IReadOnlyList<PlotFault> Faults { get; init; } = [];

    public IReadOnlyList<PlotWindow> Windows { get; init; } = [];
}

/// <summary>An action of the scenario at a moment (power, pedal, a command).</summary>
public readonly record struct PlotStep(double TimeS, string Label);

/// <summary>A fault from its injection to its clearing (the end of the run when it was never cleared).</summary>
public readonly record struct PlotFault(double StartS, double EndS, string Label, bool Cleared);

/// <summary>
/// An expectation's window and verdict; <paramref name="Column"/>, <paramref name="Min"/> and
/// <paramref name="Max"/> give the band a pressure had to stay in, where the expectation is one.
/// </summary>
public readonly record struct PlotWindow(double StartS, double EndS, bool Passed, string Label, string? Column = null, double? Min = null, double? Max = null);
