using System.Globalization;

namespace HydroOxygen.Controller.Service;

/// <summary>Reference readings given up front ("0=0.000,0.3=0.2987,0.45=0.4512"), for scripted calibration.</summary>
public sealed class ScriptedReferenceGauge : IReferenceGauge
{
    private readonly IReadOnlyDictionary<double, double> _readings;

    public ScriptedReferenceGauge(IReadOnlyDictionary<double, double> readings) => _readings = readings;

    public IReadOnlyCollection<double> Targets => _readings.Keys.ToList();

    /// <summary>Parses "target=reading" pairs separated by commas; null and a problem if malformed.</summary>
    public static ScriptedReferenceGauge? Parse(string text, out ServiceText? problem)
    {
        problem = null;
        var readings = new Dictionary<double, double>();
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=');
            if (parts.Length != 2
                || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var target)
                || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var reading)
                || !double.IsFinite(target) || !double.IsFinite(reading))
            {
                problem = new ServiceText("Service.ReferencePairBad", pair);
                return null;
            }

            if (!readings.TryAdd(target, reading))
            {
                problem = new ServiceText("Service.ReferenceTwice", target);
                return null;
            }
        }

        if (readings.Count == 0)
        {
            problem = new ServiceText("Service.ReferenceNone");
            return null;
        }

        return new ScriptedReferenceGauge(readings);
    }

    public Task<double> ReadAsync(double targetMpa, CancellationToken cancellation) =>
        _readings.TryGetValue(targetMpa, out var reading)
            ? Task.FromResult(reading)
            : throw new ServiceException(new ServiceText("Service.ReferenceMissing", targetMpa));
}
