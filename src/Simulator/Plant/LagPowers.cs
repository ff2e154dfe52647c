namespace HydroOxygen.Simulator.Plant;

/// <summary>
/// A first-order lag discretised at the plant's sub-step (x ← x + (u − x)·b per sub-step), with the
/// powers of its decay a = 1 − b cached, so that several sub-steps at once cost no more than one.
/// </summary>
internal sealed class LagPowers
{
    private readonly double[] _power;
    private readonly double[] _meanFactor;

    /// <param name="blend">b: the fraction of the way to the input covered in one sub-step.</param>
    /// <param name="maxSteps">The most sub-steps ever taken at once.</param>
    public LagPowers(double blend, int maxSteps)
    {
        Blend = blend;
        Decay = 1.0 - blend;
        _power = new double[maxSteps + 1];
        _meanFactor = new double[maxSteps + 1];
        _power[0] = 1.0;
        var sum = 0.0;
        for (var k = 1; k <= maxSteps; k++)
        {
            _power[k] = _power[k - 1] * Decay;
            sum += _power[k];
            _meanFactor[k] = sum / k;
        }
    }

    public double Blend { get; }
    public double Decay { get; }

    /// <summary>aⁿ: what is left of the initial distance to a held input after n sub-steps.</summary>
    public double Power(int n) => _power[n];

    /// <summary>(a + a² + … + aⁿ)/n: the mean of that remainder over the n sub-steps' ends.</summary>
    public double MeanFactor(int n) => _meanFactor[n];
}
