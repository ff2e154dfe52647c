using HydroOxygen.Simulator.Physics;

namespace HydroOxygen.Simulator.Plant;

/// <summary>
/// The built-in compressor: free-air delivery at its rated pressure, falling to nothing at stall,
/// behind a motor that takes a moment to spin up and down.
/// </summary>
public sealed class CompressorUnit
{
    private readonly double _ratedFlow;
    private readonly double _ratedPa;
    private readonly double _stallPa;
    private readonly double _spinBlend;

    /// <param name="step">The plant's sub-step, seconds.</param>
    public CompressorUnit(PlantParameters parameters, double step)
    {
        _ratedFlow = Gas.FromLitresPerMinute(parameters.CompressorFlowLpm);
        _ratedPa = Gas.MegapascalsToPascals(parameters.CompressorRatedMpa);
        _stallPa = Gas.MegapascalsToPascals(parameters.CompressorStallMpa);
        _spinBlend = 1.0 - Math.Exp(-step * 1000.0 / parameters.CompressorSpinUpMs);
    }

    public bool MotorOn { get; set; }
    public bool Failed { get; set; }

    /// <summary>Motor speed as a fraction of running speed.</summary>
    public double Speed { get; private set; }

    public bool IsRunning => Speed > 0.5;

    /// <summary>Advances the motor by one plant sub-step.</summary>
    public void Advance()
    {
        var target = MotorOn && !Failed ? 1.0 : 0.0;
        Speed += (target - Speed) * _spinBlend;
    }

    /// <summary>Delivered mass flow into the tank at its gauge pressure, kg/s, and its slope per pascal.</summary>
    public double Delivery(double tankGaugePa, out double slopePerPascal)
    {
        slopePerPascal = 0.0;
        if (Speed <= 0.0 || tankGaugePa >= _stallPa)
        {
            return 0.0;
        }

        if (tankGaugePa <= _ratedPa)
        {
            return Speed * _ratedFlow;
        }

        slopePerPascal = -Speed * _ratedFlow / (_stallPa - _ratedPa);
        return Speed * _ratedFlow * (_stallPa - tankGaugePa) / (_stallPa - _ratedPa);
    }
}
