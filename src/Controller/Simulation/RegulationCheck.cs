using HydroOxygen.Controller.Core;
using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.Controller.Simulation;

/// <summary>The DESIGN §2.3 figures of one controller on one plant, and whether they meet the targets.</summary>
public sealed record RegulationFigures(
    double SettlingTimeS,
    double OvershootMpa,
    double SteadyStateErrorMpa,
    double SprayDipMpa,
    double SprayRecoveryS)
{
    public const double SettlingLimitS = 0.300;
    public const double OvershootLimitMpa = 0.010;
    public const double SteadyStateLimitMpa = 0.005;
    public const double SprayRecoveryLimitS = 0.200;

    /// <summary>The targets missed, in words; empty when all are met.</summary>
    public IReadOnlyList<string> Misses
    {
        get
        {
            var misses = new List<string>();
            if (!(SettlingTimeS <= SettlingLimitS))
            {
                misses.Add($"settling {SettlingTimeS * 1000:0} ms > {SettlingLimitS * 1000:0} ms");
            }

            if (!(OvershootMpa <= OvershootLimitMpa))
            {
                misses.Add($"overshoot {OvershootMpa * 1000:0.0} kPa > {OvershootLimitMpa * 1000:0} kPa");
            }

            if (!(SteadyStateErrorMpa <= SteadyStateLimitMpa))
            {
                misses.Add($"steady-state error {SteadyStateErrorMpa * 1000:0.0} kPa > {SteadyStateLimitMpa * 1000:0} kPa");
            }

            if (!(SprayRecoveryS <= SprayRecoveryLimitS))
            {
                misses.Add($"spray-start dip recovered in {SprayRecoveryS * 1000:0} ms > {SprayRecoveryLimitS * 1000:0} ms");
            }

            return misses;
        }
    }

    public bool MeetsTargets => Misses.Count == 0;

    public override string ToString() =>
        $"settle {SettlingTimeS * 1000:0} ms, overshoot {OvershootMpa * 1000:0.0} kPa, steady {SteadyStateErrorMpa * 1000:0.0} kPa, " +
        $"spray dip {SprayDipMpa * 1000:0} kPa recovered in {SprayRecoveryS * 1000:0} ms";
}

/// <summary>
/// Measures a controller against the DESIGN §2.3 targets on a simulated plant, the way the
/// regulation tests do: the power-on fill 0 → 0.45 MPa (through the start of charging), and the
/// dip when spraying starts with a charged bottle — both judged on the plant's true pressure.
/// </summary>
public static class RegulationCheck
{
    private const double Setpoint = 0.45;
    private const double Band = 0.01;
    private const double FillWindowS = 1.5;
    private const double SprayWindowS = 1.0;

    public static RegulationFigures Measure(ControllerSettings settings, PlantParameters plant, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(plant);
        var acne = settings with { StartupProgram = "acne", StartupGasSource = GasSource.Oxygen };
        var runner = new SimulationRunner(acne, plant, seed);
        runner.PowerSwitch(true);

        var fillStart = RunUntil(runner, s => s.State == DeviceState.Pressurizing, 3.0);
        var fill = new StepResponseMeter(fillStart, 0.0, Setpoint, Band, FillWindowS);
        RunFor(runner, FillWindowS + 0.1, s => fill.Add(s.TimeS, s.POutTrueMpa));
        var step = fill.Result();

        RunUntil(runner, s => s.State == DeviceState.Ready && s.PBottleTrueMpa >= Setpoint - 0.02, 20.0);
        runner.RunUntil(runner.Time + 1.0);
        runner.Pedal(true);
        var sprayStart = RunUntil(runner, s => s.State == DeviceState.Spraying, 0.2);
        var dip = double.MaxValue;
        var lastOutside = sprayStart;
        RunFor(runner, SprayWindowS, s =>
        {
            dip = Math.Min(dip, s.POutTrueMpa);
            if (Math.Abs(s.POutTrueMpa - Setpoint) > Band)
            {
                lastOutside = s.TimeS;
            }
        });

        return new RegulationFigures(step.SettlingTimeS, step.OvershootMpa, step.SteadyStateErrorMpa, Setpoint - dip, lastOutside - sprayStart);
    }

    private static double RunUntil(SimulationRunner runner, Func<TraceSample, bool> reached, double limitS)
    {
        var deadline = runner.Time + limitS;
        while (runner.Time < deadline)
        {
            var sample = runner.Tick();
            if (reached(sample))
            {
                return sample.TimeS;
            }
        }

        return double.NaN;
    }

    private static void RunFor(SimulationRunner runner, double seconds, Action<TraceSample> onSample) =>
        runner.RunUntil(runner.Time + seconds, onSample);
}
