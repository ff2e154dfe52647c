namespace HydroOxygen.Controller.Simulation.Scenarios;

/// <summary>The verdict on one expectation; a failure says which sample broke it and with what value.</summary>
public sealed record ExpectationResult(Expectation Expectation, bool Passed, string Detail)
{
    public static ExpectationResult Pass(Expectation expectation, string detail = "") => new(expectation, true, detail);

    public static ExpectationResult Fail(Expectation expectation, string detail) => new(expectation, false, detail);
}
