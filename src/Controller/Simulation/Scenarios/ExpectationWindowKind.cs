namespace HydroOxygen.Controller.Simulation.Scenarios;

/// <summary>Which samples an expectation looks at (DESIGN §3.1).</summary>
public enum ExpectationWindowKind : byte
{
    /// <summary>The one sample nearest to a time.</summary>
    At,

    /// <summary>Every sample in a closed interval.</summary>
    During,

    /// <summary>At least one sample in a closed interval.</summary>
    Sometime,
}
