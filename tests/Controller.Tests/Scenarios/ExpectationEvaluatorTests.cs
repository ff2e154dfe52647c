using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Simulation.Scenarios;
using HydroOxygen.Controller.Simulation;
using HydroOxygen.Controller.Simulation.Traces;

namespace HydroOxygen.Controller.Tests.Scenarios;

/// <summary>The window and condition semantics, on made-up samples every 2 ms from 0 to 1 s.</summary>
public sealed class ExpectationEvaluatorTests
{
    private static readonly TraceColumns Columns = TraceColumns.Default;
    private static readonly SourceLocation Somewhere = new("test.yaml", 7, 5);

    [Fact]
    public void At_judges_the_sample_nearest_to_the_time()
    {
        // P_out equals the time, so only the sample at 0.500 s lies within ±0.0001 of 0.5.
        var result = Evaluate(ExpectationWindow.At(0.5007), Range("p_out_mpa", 0.4999, 0.5001));

        Assert.True(result.Passed, result.Detail);
    }

    [Fact]
    public void At_reports_the_sample_it_judged()
    {
        var result = Evaluate(ExpectationWindow.At(0.3), Range("p_out_mpa", 0.5, null));

        Assert.False(result.Passed);
        Assert.Equal("sample at t = 0.300 s: p_out_mpa = 0.3000 (expected p_out_mpa >= 0.5)", result.Detail);
    }

    [Fact]
    public void During_holds_when_every_sample_in_the_window_does()
    {
        var result = Evaluate(ExpectationWindow.During(0.2, 0.4), Range("p_out_mpa", 0.2, 0.4));

        Assert.True(result.Passed, result.Detail);
    }

    [Fact]
    public void During_reports_the_first_offending_sample()
    {
        var result = Evaluate(ExpectationWindow.During(0.2, 0.6), Range("p_out_mpa", null, 0.45));

        Assert.False(result.Passed);
        Assert.StartsWith("first offending sample at t = 0.452 s: p_out_mpa = 0.4520 (expected p_out_mpa <= 0.45); 75 of 201 samples offend, the last at t = 0.600 s", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void During_a_window_without_samples_fails_rather_than_proving_nothing()
    {
        var result = Evaluate(ExpectationWindow.During(0.5003, 0.5009), Range("p_out_mpa", 0, 1));

        Assert.False(result.Passed);
        Assert.Equal("no sample falls in the window", result.Detail);
    }

    [Fact]
    public void Sometime_holds_when_one_sample_does()
    {
        var result = Evaluate(ExpectationWindow.Sometime(0.1, 0.9), Range("p_out_mpa", 0.6995, 0.7005));

        Assert.True(result.Passed, result.Detail);
        Assert.Equal("met at t = 0.700 s", result.Detail);
    }

    [Fact]
    public void Sometime_failing_names_the_closest_value_seen()
    {
        var result = Evaluate(ExpectationWindow.Sometime(0.1, 0.3), Range("p_out_mpa", 0.5, null));

        Assert.False(result.Passed);
        Assert.Equal(
            "no sample of 101 in the window met it; p_out_mpa >= 0.5: closest 0.3000 at t = 0.300 s (range seen 0.1000 to 0.3000)",
            result.Detail);
    }

    [Fact]
    public void Choice_columns_compare_names()
    {
        Assert.True(Evaluate(ExpectationWindow.At(0.8), Equal("state", "Spraying")).Passed);
        Assert.False(Evaluate(ExpectationWindow.At(0.2), Equal("state", "Spraying")).Passed);
        Assert.True(Evaluate(ExpectationWindow.During(0, 0.4), Equal("state", "Spraying", negated: true)).Passed);
        Assert.True(Evaluate(ExpectationWindow.During(0, 1), Equal("gas_source", "oxygen")).Passed);
    }

    [Fact]
    public void Sometime_failing_on_a_choice_lists_what_the_column_was()
    {
        var result = Evaluate(ExpectationWindow.Sometime(0, 1), Equal("state", "Fault"));

        Assert.Equal("no sample of 501 in the window met it; state = Fault: state was Ready, Spraying", result.Detail);
    }

    [Fact]
    public void Flag_columns_compare_zero_and_one()
    {
        Assert.True(Evaluate(ExpectationWindow.During(0.6, 1), Equal("spray_open", "1")).Passed);
        Assert.True(Evaluate(ExpectationWindow.During(0, 0.5), Equal("spray_open", "false")).Passed);
        var result = Evaluate(ExpectationWindow.During(0, 1), Equal("spray_open", "0"));
        Assert.StartsWith("first offending sample at t = 0.600 s: spray_open = 1 (expected spray_open = 0)", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void List_columns_check_membership()
    {
        Assert.True(Evaluate(ExpectationWindow.Sometime(0, 1), Member("alarms", "OverPressure")).Passed);
        Assert.False(Evaluate(ExpectationWindow.Sometime(0, 0.89), Member("alarms", "OverPressure")).Passed);
        Assert.True(Evaluate(ExpectationWindow.During(0, 1), Member("alarms", "SensorFault", excludes: true)).Passed);

        var result = Evaluate(ExpectationWindow.During(0, 1), Member("alarms", "OverPressure", excludes: true));
        Assert.StartsWith("first offending sample at t = 0.900 s: alarms = OverPressure;SupplyLow (expected alarms excludes OverPressure)", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Conditions_of_one_expectation_must_hold_on_the_same_sample()
    {
        // Spraying from 0.6 s, P_out above 0.55 from 0.55 s: together from 0.6 s, never before.
        Assert.True(Evaluate(ExpectationWindow.Sometime(0, 1), Equal("state", "Spraying"), Range("p_out_mpa", null, 0.62)).Passed);

        var result = Evaluate(ExpectationWindow.Sometime(0, 1), Equal("state", "Spraying"), Range("p_out_mpa", null, 0.5));
        Assert.False(result.Passed);
        Assert.EndsWith("(each condition held at some time, but never all on the same sample)", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Results_come_in_the_order_the_expectations_were_written()
    {
        var evaluator = new ExpectationEvaluator(
        [
            new Expectation(ExpectationWindow.At(1), [Range("p_out_mpa", 2, null)], Somewhere with { Line = 1 }),
            new Expectation(ExpectationWindow.At(0), [Range("p_out_mpa", null, 0)], Somewhere with { Line = 2 }),
        ]);
        Feed(evaluator);

        Assert.Equal([(1, false), (2, true)], evaluator.Results().Select(r => (r.Expectation.Location.Line, r.Passed)));
    }

    /// <summary>P_out = t; Ready then Spraying from 0.6 s; OverPressure and SupplyLow latched from 0.9 s.</summary>
    private static TraceSample SampleAt(double t) => new()
    {
        TimeS = t,
        POutMpa = t,
        State = t >= 0.6 - 1e-9 ? DeviceState.Spraying : DeviceState.Ready,
        SprayOpen = t >= 0.6 - 1e-9,
        GasSource = GasSource.Oxygen,
        Alarms = t >= 0.9 - 1e-9 ? (1u << (int)AlarmCode.OverPressure) | (1u << (int)AlarmCode.SupplyLow) : 0u,
    };

    private static void Feed(ITraceObserver observer)
    {
        for (var tick = 0; tick <= 500; tick++)
        {
            observer.Observe(SampleAt(tick * 0.002));
        }

        observer.Complete();
    }

    private static ExpectationResult Evaluate(ExpectationWindow window, params Condition[] conditions)
    {
        var evaluator = new ExpectationEvaluator([new Expectation(window, conditions, Somewhere)]);
        Feed(evaluator);
        return Assert.Single(evaluator.Results());
    }

    private static RangeCondition Range(string column, double? min, double? max) => new(Columns[column], min, max);

    private static EqualityCondition Equal(string column, string value, bool negated = false)
    {
        Assert.True(Columns[column].TryParseValue(value, out var code));
        return new EqualityCondition(Columns[column], code, negated);
    }

    private static MembershipCondition Member(string column, string member, bool excludes = false)
    {
        Assert.True(Columns[column].TryParseValue(member, out var bit));
        return new MembershipCondition(Columns[column], (uint)bit, excludes);
    }
}
