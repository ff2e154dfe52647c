using System.Globalization;
using HydroOxygen.Controller.Simulation.Traces;

namespace HydroOxygen.Controller.Simulation.Scenarios;

/// <summary>A number column within bounds (<c>{ min, max }</c>, either may be absent); both bounds are inclusive.</summary>
public sealed record RangeCondition : Condition
{
    public RangeCondition(TraceColumn column, double? min, double? max)
        : base(column)
    {
        if (min is null && max is null)
        {
            throw new ArgumentException("A range needs a min, a max or both.", nameof(min));
        }

        Min = min;
        Max = max;
    }

    public double? Min { get; }
    public double? Max { get; }

    // NaN (a reading that is not a number) never meets a range: the comparisons are false.
    public override bool IsMetBy(double value) => (Min is not { } min || value >= min) && (Max is not { } max || value <= max);

    public override double Shortfall(double value)
    {
        if (double.IsNaN(value))
        {
            return double.PositiveInfinity;
        }

        if (Min is { } min && value < min)
        {
            return min - value;
        }

        return Max is { } max && value > max ? value - max : 0.0;
    }

    public override string Describe() => (Min, Max) switch
    {
        ({ } min, { } max) => $"{Column.Name} in [{Number(min)}, {Number(max)}]",
        ({ } min, null) => $"{Column.Name} >= {Number(min)}",
        (_, { } max) => $"{Column.Name} <= {Number(max)}",
        _ => Column.Name,
    };

    private static string Number(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
