using System.Globalization;
using HydroOxygen.Controller.Simulation;
using HydroOxygen.Controller.Simulation.Traces;

namespace HydroOxygen.Controller.Simulation.Scenarios;

/// <summary>
/// Judges one expectation while the samples stream past, keeping only what its verdict needs (a
/// nearest sample, a first offender, the closest miss), never the trace.
/// </summary>
public abstract class ExpectationCheck
{
    protected ExpectationCheck(Expectation expectation)
    {
        Expectation = expectation;
    }

    public Expectation Expectation { get; }

    public static ExpectationCheck For(Expectation expectation) => expectation.Window.Kind switch
    {
        ExpectationWindowKind.At => new AtCheck(expectation),
        ExpectationWindowKind.During => new DuringCheck(expectation),
        _ => new SometimeCheck(expectation),
    };

    public abstract void Observe(in TraceSample sample);

    public abstract ExpectationResult Verdict();

    protected IReadOnlyList<Condition> Conditions => Expectation.Conditions;

    protected bool AllMet(in TraceSample sample)
    {
        foreach (var condition in Conditions)
        {
            if (!condition.IsMetBy(condition.Column.Read(in sample)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The values that broke the conditions in a sample, each with what was expected of it.</summary>
    protected string Offences(in TraceSample sample)
    {
        var parts = new List<string>();
        foreach (var condition in Conditions)
        {
            var value = condition.Column.Read(in sample);
            if (!condition.IsMetBy(value))
            {
                parts.Add($"{condition.Column.Name} = {Display(condition.Column, value)} (expected {condition.Describe()})");
            }
        }

        return string.Join(", ", parts);
    }

    protected static string Time(double seconds) => seconds.ToString("0.000", CultureInfo.InvariantCulture) + " s";

    protected static string Display(TraceColumn column, double value)
    {
        var text = column.Format(value);
        return column.Kind == TraceColumnKind.Set && text.Length == 0 ? "(none)" : text;
    }
}
