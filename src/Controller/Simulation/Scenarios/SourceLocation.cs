namespace HydroOxygen.Controller.Simulation.Scenarios;

/// <summary>A place in a scenario file, 1-based, printed the way compilers and editors understand it.</summary>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";

    /// <summary>File and line only: enough to find an expectation, shorter to read in a report.</summary>
    public string FileAndLine => $"{File}:{Line}";
}
