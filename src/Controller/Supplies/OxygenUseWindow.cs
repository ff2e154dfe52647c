namespace HydroOxygen.Controller.Supplies;

/// <summary>
/// The present oxygen use: litres per minute averaged over a window of the device's own time, from
/// the lifetime oxygen total sampled every few seconds (a treatment sprays in bursts; a tick's flow says nothing).
/// </summary>
internal sealed class OxygenUseWindow(double windowS)
{
    private const double SpacingS = 5.0;
    private const double ShortestS = 30.0;
    private readonly Queue<(double Time, double Litres)> _samples = new();

    public double? Lpm { get; private set; }

    /// <summary>The last use seen above zero: what a pause in spraying plans with.</summary>
    public double? LastNonZeroLpm { get; private set; }

    public void Add(double time, double litres)
    {
        if (_samples.Count > 0 && time < _samples.Last().Time)
        {
            _samples.Clear();
        }

        if (_samples.Count == 0 || time - _samples.Last().Time >= SpacingS)
        {
            _samples.Enqueue((time, litres));
        }

        while (_samples.Count > 1 && time - _samples.Peek().Time > windowS)
        {
            _samples.Dequeue();
        }

        var (first, firstLitres) = _samples.Peek();
        var span = time - first;
        if (span < ShortestS)
        {
            return;
        }

        Lpm = Math.Max(0.0, litres - firstLitres) / (span / 60.0);
        if (Lpm > 0.01)
        {
            LastNonZeroLpm = Lpm;
        }
    }
}
