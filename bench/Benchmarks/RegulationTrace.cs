using HydroOxygen.Controller.Core;

namespace HydroOxygen.Benchmarks;

/// <summary>
/// What a scenario did, tick by tick, as our controller ran it: its outputs, setpoint and whether
/// it was regulating (which the baseline replays), and the plant's true outlet pressure.
/// </summary>
internal sealed class RegulationTrace
{
    public List<double> Time { get; } = [];
    public List<ControlOutputs> Outputs { get; } = [];
    public List<double> Setpoint { get; } = [];

    /// <summary>Our regulator's shaped reference (the setpoint through its ramp).</summary>
    public List<double> Reference { get; } = [];
    public List<bool> Regulating { get; } = [];
    public List<double> POutTrue { get; } = [];
    public List<double> PSrcTrue { get; } = [];

    public int Count => Time.Count;

    public static bool IsRegulating(DeviceState state) =>
        state is DeviceState.Pressurizing or DeviceState.Ready or DeviceState.Charging or DeviceState.Spraying;
}

/// <summary>A stretch of a scenario that is judged: a step to a new target, or holding a target through a disturbance.</summary>
/// <param name="Start">When it starts (the tick the command or the first disturbance takes effect), s.</param>
/// <param name="Length">How long it is observed, s; its last quarter is quiet (steady state).</param>
/// <param name="Initial">Pressure before a step, MPa (equal to the target for a disturbance).</param>
/// <param name="Target">Pressure asked for, MPa.</param>
internal sealed record RegulationWindow(string Name, double Start, double Length, double Initial, double Target, bool IsStep);

/// <summary>One scenario run by our controller: the trace and the windows to judge in it.</summary>
internal sealed record ScenarioRun(string Name, string Plant, HydroOxygen.Simulator.Plant.PlantParameters Parameters, int Seed, RegulationTrace Trace, IReadOnlyList<RegulationWindow> Windows);
