using System.Diagnostics;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Simulation;
using HydroOxygen.Controller.Supplies;
using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.Reliability.Supplies;

/// <summary>One simulated treatment day's session for the consumables measurement.</summary>
/// <param name="Program">The program (on oxygen).</param>
/// <param name="Seed">Seeds the plant's noise and the technician's timing.</param>
/// <param name="LiquidMl">Liquid in the bottle at the start (recorded as the refill).</param>
public sealed record SupplySession(string Program, int Seed, double LiquidMl = 100.0, double Minutes = 90.0);

/// <summary>Estimate against the simulator's truth at the end of a session.</summary>
public sealed record SupplyAccuracyRow(
    SupplySession Session,
    double SprayMinutes,
    double LiquidFullMl,
    double LiquidLeftEstimateMl,
    double LiquidLeftTrueMl,
    double OxygenFullLitres,
    double OxygenLeftEstimateLitres,
    double OxygenLeftTrueLitres,
    double WorstLiquidErrorPercent,
    double WorstOxygenErrorPercent,
    TimeSpan Wall)
{
    public double LiquidUsedEstimateMl => LiquidFullMl - LiquidLeftEstimateMl;
    public double LiquidUsedTrueMl => LiquidFullMl - LiquidLeftTrueMl;
    public double OxygenUsedEstimateLitres => OxygenFullLitres - OxygenLeftEstimateLitres;
    public double OxygenUsedTrueLitres => OxygenFullLitres - OxygenLeftTrueLitres;

    /// <summary>The error of what is left, as a share of the bottle's contents at the start, %.</summary>
    public double LiquidErrorPercent => 100.0 * (LiquidLeftEstimateMl - LiquidLeftTrueMl) / LiquidFullMl;

    /// <summary>The error of what is left, as a share of the cylinder's contents at the start, %.</summary>
    public double OxygenErrorPercent => 100.0 * (OxygenLeftEstimateLitres - OxygenLeftTrueLitres) / OxygenFullLitres;

    /// <summary>The error of what was used, as a share of what truly was, %.</summary>
    public double LiquidUsedErrorPercent => 100.0 * (LiquidUsedEstimateMl - LiquidUsedTrueMl) / LiquidUsedTrueMl;

    public double OxygenUsedErrorPercent => 100.0 * (OxygenUsedEstimateLitres - OxygenUsedTrueLitres) / OxygenUsedTrueLitres;
}

/// <summary>
/// The consumables estimates (DESIGN §2.8) measured against the simulator's true contents: a
/// technician's 90-minute session on the unmodified core in virtual time, the ledger fed every 0.2 s
/// (as the running device's <see cref="SuppliesService"/> is), the bottle and the cylinder recorded at
/// the start as a technician would, the truth read from the plant.
/// </summary>
public static class SupplyAccuracy
{
    public const double ObserveS = 0.2;

    public static IReadOnlyList<SupplySession> DefaultSessions { get; } =
    [
        new("acne", 1),
        new("cleanse", 2),
        new("nourish", 3, LiquidMl: 60.0),
    ];

    /// <summary>The simulator's plant is sized on air and models oxygen as air: its litres are air-equivalent, so the ledger counts them so too.</summary>
    public static SuppliesOptions Options { get; } = new() { OxygenVolumeFactor = 1.0 };

    public static SupplyAccuracyRow Run(SupplySession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var wall = Stopwatch.StartNew();
        var plant = PlantParameters.Default with { LiquidMl = session.LiquidMl };
        var settings = ControllerSettings.Default with { StartupProgram = session.Program, StartupGasSource = GasSource.Oxygen };
        var runner = new SimulationRunner(settings, plant, session.Seed);
        var ledger = new SupplyLedger(Options);
        var cylinderMpa = runner.Plant.Cylinder.CylinderMpa;
        var cylinderSize = runner.Plant.Cylinder.ContentsLitres / (cylinderMpa * 10.0);
        ledger.BottleRefilled(session.LiquidMl, DateTimeOffset.UnixEpoch);
        ledger.CylinderChanged(cylinderSize, cylinderMpa, DateTimeOffset.UnixEpoch);
        var oxygenFull = runner.Plant.Cylinder.ContentsLitres;

        var worstLiquid = 0.0;
        var worstOxygen = 0.0;
        void RunTo(double until)
        {
            // RunUntil stops within half a tick of the time asked for; so does this loop.
            while (runner.Time + (runner.TickSeconds / 2) < until)
            {
                runner.RunUntil(Math.Min(until, runner.Time + ObserveS));
                ledger.Observe(runner.Core.Status);
                var view = ledger.View();
                worstLiquid = Worst(worstLiquid, 100.0 * ((view.Bottle.LeftMl ?? 0.0) - runner.Sample().LiquidMl) / session.LiquidMl);
                worstOxygen = Worst(worstOxygen, 100.0 * ((view.Cylinder.LeftLitres ?? 0.0) - runner.Plant.Cylinder.ContentsLitres) / oxygenFull);
            }
        }

        // The technician's rhythm: sprays of 3–12 s with 15–60 s between them (a face region at a time).
        var script = new Random(session.Seed);
        runner.PowerSwitch(true);
        RunTo(10.0);
        var end = session.Minutes * 60.0;
        while (runner.Time < end)
        {
            runner.Pedal(true);
            RunTo(Math.Min(end, runner.Time + 3 + (script.NextDouble() * 9)));
            runner.Pedal(false);
            RunTo(Math.Min(end, runner.Time + 15 + (script.NextDouble() * 45)));
        }

        runner.PowerSwitch(false);
        RunTo(runner.Time + 15);
        var last = ledger.View();
        return new SupplyAccuracyRow(
            session,
            runner.Core.Status.Usage.SprayS / 60.0,
            session.LiquidMl,
            last.Bottle.LeftMl ?? double.NaN,
            runner.Sample().LiquidMl,
            oxygenFull,
            last.Cylinder.LeftLitres ?? double.NaN,
            runner.Plant.Cylinder.ContentsLitres,
            worstLiquid,
            worstOxygen,
            wall.Elapsed);
    }

    private static double Worst(double worst, double error) => Math.Abs(error) > Math.Abs(worst) ? error : worst;
}
