namespace HydroOxygen.Controller.Service;

/// <summary>The engineer's reference gauge: asked for its reading once the device holds a calibration pressure.</summary>
public interface IReferenceGauge
{
    /// <summary>The gauge's reading at the point held for <paramref name="targetMpa"/>, MPa gauge.</summary>
    Task<double> ReadAsync(double targetMpa, CancellationToken cancellation);
}
