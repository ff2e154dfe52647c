namespace HydroOxygen.Controller.Simulation.Scenarios;

/// <summary>The time span an expectation covers; for <see cref="ExpectationWindowKind.At"/> start and end are the same instant.</summary>
public readonly record struct ExpectationWindow(ExpectationWindowKind Kind, double StartS, double EndS)
{
    // Window edges and sample times are both exact decimals turned into doubles; the tolerance only
    // absorbs the last-bit differences of arithmetic, far below a tick.
    private const double EdgeToleranceS = 1e-9;

    public static ExpectationWindow At(double timeS) => new(ExpectationWindowKind.At, timeS, timeS);

    public static ExpectationWindow During(double startS, double endS) => new(ExpectationWindowKind.During, startS, endS);

    public static ExpectationWindow Sometime(double startS, double endS) => new(ExpectationWindowKind.Sometime, startS, endS);

    public bool Contains(double timeS) => timeS >= StartS - EdgeToleranceS && timeS <= EndS + EdgeToleranceS;

    public bool IsOver(double timeS) => timeS > EndS + EdgeToleranceS;

    public override string ToString() => Kind switch
    {
        ExpectationWindowKind.At => $"at {DurationText.Format(StartS)}",
        ExpectationWindowKind.During => $"during [{DurationText.Format(StartS)}, {DurationText.Format(EndS)}]",
        _ => $"sometime in [{DurationText.Format(StartS)}, {DurationText.Format(EndS)}]",
    };
}
