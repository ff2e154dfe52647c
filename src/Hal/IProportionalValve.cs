namespace HydroOxygen.Hal;

/// <summary>A proportional valve (the inlet valve): its opening follows a 0–1 command.</summary>
public interface IProportionalValve
{
    /// <summary>Commands an opening from 0 (closed) to 1 (fully open).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The opening is outside 0–1 or not a number.</exception>
    void SetOpening(double opening);

    double CommandedOpening { get; }
}
