using HydroOxygen.Controller.Simulation.Scenarios;
using HydroOxygen.Controller.Simulation.Traces;
using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.Controller.Simulation.Runs;

/// <summary>What a run's plot marks, taken from its scenario and its verdicts.</summary>
public static class ScenarioMarks
{
    public static PlotAnnotations For(ScenarioReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var scenario = report.Scenario;
        var steps = new List<PlotStep>();
        var faults = new List<PlotFault>();
        var clears = scenario.Steps.Where(s => s.Action is ClearFaultAction).ToList();
        foreach (var step in scenario.Steps)
        {
            switch (step.Action)
            {
                case InjectFaultAction { Fault.Kind: FaultKind.LoopStall } stall:
                    faults.Add(new PlotFault(step.AtS, Math.Min(scenario.DurationS, step.AtS + stall.Fault.Value), Name(stall.Describe()), Cleared: true));
                    break;
                case InjectFaultAction inject:
                    var clear = clears.FirstOrDefault(c => c.AtS >= step.AtS && c.Action is ClearFaultAction clearing
                        && clearing.Kind == inject.Fault.Kind && (clearing.Target == FaultTarget.None || clearing.Target == inject.Fault.Target));
                    if (clear is not null)
                    {
                        clears.Remove(clear);
                    }

                    faults.Add(new PlotFault(step.AtS, clear?.AtS ?? scenario.DurationS, Name(inject.Describe()), clear is not null));
                    break;
                case ClearFaultAction:
                    break;
                default:
                    steps.Add(new PlotStep(step.AtS, step.Action.Describe()));
                    break;
            }
        }

        var windows = report.Results.Select(result =>
        {
            var expectation = result.Expectation;
            var range = expectation.Conditions.Count == 1 ? expectation.Conditions[0] as RangeCondition : null;
            return new PlotWindow(
                expectation.Window.StartS,
                expectation.Window.EndS,
                result.Passed,
                $"line {expectation.Location.Line}",
                range?.Column.Name,
                range?.Min,
                range?.Max);
        }).ToList();

        return new PlotAnnotations { Steps = steps, Faults = faults, Windows = windows };
    }

    /// <summary>"fault leak bottle 0.05" as "leak bottle 0.05": the lane already says it is a fault.</summary>
    private static string Name(string described) =>
        described.StartsWith("fault ", StringComparison.Ordinal) ? described["fault ".Length..] : described;
}
