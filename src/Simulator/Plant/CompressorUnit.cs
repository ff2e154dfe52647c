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
    private readonly LagPowers _spin;

    /// <param name="step">The plant's sub-step, seconds.</param>
    /// <param name="maxSteps">The most sub-steps the plant advances at once.</param>
    internal CompressorUnit(PlantParameters parameters, double step, int maxSteps)
    {
        _ratedFlow = Gas.FromLitresPerMinute(parameters.CompressorFlowLpm);
        _ratedPa = Gas.MegapascalsToPascals(parameters.CompressorRatedMpa);
        _stallPa = Gas.MegapascalsToPascals(parameters.CompressorStallMpa);
        _spin = new LagPowers(1.0 - Math.Exp(-step * 1000.0 / parameters.CompressorSpinUpMs), maxSteps);
    }

    public bool MotorOn { get; set; }
    public bool Failed { get; set; }

    /// <summary>Motor speed as a fraction of running speed.</summary>
    public double Speed { get; private set; }

    public bool IsRunning => Speed > 0.5;

    /// <summary>Advances the motor by <paramref name="steps"/> plant sub-steps; returns its mean speed over them.</summary>
    internal double Advance(int steps)
    {
        var target = MotorOn && !Failed ? 1.0 : 0.0;
        if (steps == 1)
        {
            Speed += (target - Speed) * _spin.Blend;
            return Speed;
        }

        var distance = Speed - target;
        Speed = target + (distance * _spin.Power(steps));
        return target + (distance * _spin.MeanFactor(steps));
    }

    /// <summary>Delivered mass flow into the tank at its gauge pressure and a motor speed, kg/s, and its slope per pascal.</summary>
    internal double Delivery(double tankGaugePa, double speed, out double slopePerPascal)
    {
        slopePerPascal = 0.0;
        if (speed <= 0.0 || tankGaugePa >= _stallPa)
        {
            return 0.0;
        }

        if (tankGaugePa <= _ratedPa)
        {
            return speed * _ratedFlow;
        }

        slopePerPascal = -speed * _ratedFlow / (_stallPa - _ratedPa);
        return speed * _ratedFlow * (_stallPa - tankGaugePa) / (_stallPa - _ratedPa);
    }
}
