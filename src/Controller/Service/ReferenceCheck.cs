namespace HydroOxygen.Controller.Service;

/// <summary>
/// Whether a reference gauge reading is plausible for the point held, and, for a reading typed in
/// another unit (kPa or bar for MPa), what it probably meant — so the engineer is asked again, not
/// sent back to the start.
/// </summary>
public static class ReferenceCheck
{
    /// <summary>A reading this far from the point held is a mistake (the hold is within a few kPa of it), MPa.</summary>
    public const double FarMpa = 0.15;

    /// <summary>The reading in MPa it probably meant (kPa or bar typed), or null.</summary>
    public static double? Meant(double targetMpa, double readingMpa)
    {
        if (Plausible(targetMpa, readingMpa))
        {
            return null;
        }

        foreach (var scale in new[] { 1000.0, 10.0 })
        {
            var meant = readingMpa / scale;
            if (Plausible(targetMpa, meant))
            {
                return meant;
            }
        }

        return null;
    }

    public static bool Plausible(double targetMpa, double readingMpa) =>
        double.IsFinite(readingMpa) && readingMpa is >= -0.05 and <= 1.0 && Math.Abs(readingMpa - targetMpa) <= FarMpa;

    /// <summary>Why the reading is refused (it concerns <c>referenceMpa</c>), in the engineer's terms, or null.</summary>
    public static ServiceText? Problem(double targetMpa, double readingMpa) =>
        Plausible(targetMpa, readingMpa) ? null
        : Meant(targetMpa, readingMpa) is { } meant
            ? new ServiceText("Service.ReferenceMeant", readingMpa, meant, targetMpa)
            : new ServiceText("Service.ReferenceFar", readingMpa, targetMpa);
}
