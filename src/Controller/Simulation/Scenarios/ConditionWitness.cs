using System.Globalization;
using HydroOxygen.Controller.Simulation;
using HydroOxygen.Controller.Simulation.Traces;

namespace HydroOxygen.Controller.Simulation.Scenarios;

/// <summary>
/// What one condition's column did over a window, in a few numbers: whether the condition ever
/// held, the closest miss, and the spread of values (the range of a number, the names seen of a
/// flag, choice or set). Enough to explain a failed <c>sometime</c> without keeping samples.
/// </summary>
internal sealed class ConditionWitness(Condition condition)
{
    private double _closestShortfall = double.PositiveInfinity;
    private double _closestValue = double.NaN;
    private double _closestAtS;
    private double _lowest = double.PositiveInfinity;
    private double _highest = double.NegativeInfinity;
    private uint _seen;

    public bool EverMet { get; private set; }

    /// <summary>Records the sample's value; true if the condition holds on it.</summary>
    public bool Observe(in TraceSample sample)
    {
        var column = condition.Column;
        var value = column.Read(in sample);
        var met = condition.IsMetBy(value);
        EverMet |= met;

        var shortfall = condition.Shortfall(value);
        if (shortfall < _closestShortfall)
        {
            _closestShortfall = shortfall;
            _closestValue = value;
            _closestAtS = sample.TimeS;
        }

        switch (column.Kind)
        {
            case TraceColumnKind.Number:
                _lowest = Math.Min(_lowest, value);
                _highest = Math.Max(_highest, value);
                break;
            case TraceColumnKind.Set:
                _seen |= (uint)value;
                break;
            default:
                _seen |= 1u << Math.Clamp((int)value, 0, 31);
                break;
        }

        return met;
    }

    public string Describe()
    {
        var column = condition.Column;
        var wanted = condition.Describe();
        if (column.Kind == TraceColumnKind.Number)
        {
            return $"{wanted}: closest {column.Format(_closestValue)} at t = "
                + $"{_closestAtS.ToString("0.000", CultureInfo.InvariantCulture)} s (range seen {column.Format(_lowest)} to {column.Format(_highest)})";
        }

        var seen = string.Join(", ", column.NamesIn(_seen));
        return $"{wanted}: {column.Name} {(column.Kind == TraceColumnKind.Set ? "held" : "was")} {(seen.Length == 0 ? "nothing" : seen)}";
    }
}
