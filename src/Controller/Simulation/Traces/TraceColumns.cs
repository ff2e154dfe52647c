using System.Collections.Frozen;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Simulation;
using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.Controller.Simulation.Traces;

/// <summary>
/// The one list of trace columns (DESIGN §3.2). The CSV writer writes exactly these, the plot reads
/// its series from them and scenario expectations refer to them by the same names, so a column an
/// expectation checks is always a column a tester can open in the trace.
/// </summary>
public sealed class TraceColumns
{
    private readonly FrozenDictionary<string, TraceColumn> _byName;

    private TraceColumns(IReadOnlyList<TraceColumn> all)
    {
        All = all;
        _byName = all.ToFrozenDictionary(c => c.Name, StringComparer.Ordinal);
    }

    /// <summary>The columns for the default controller settings' programs and plans.</summary>
    public static TraceColumns Default { get; } = For(ControllerSettings.Default);

    /// <summary>Every column, in the order the CSV writes them.</summary>
    public IReadOnlyList<TraceColumn> All { get; }

    public IEnumerable<string> Names => All.Select(c => c.Name);

    /// <summary>The columns for a controller's settings: its program names and its plans' regions.</summary>
    public static TraceColumns For(ControllerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return For(settings.EffectivePrograms, new PlanTable(settings.EffectivePlans, settings.EffectivePrograms).Regions);
    }

    /// <summary>
    /// The columns for a program table (the <c>program</c> column holds its names) and a region
    /// table (the <c>region</c> column: empty while no plan runs).
    /// </summary>
    public static TraceColumns For(IReadOnlyList<ProgramDefinition> programs, IReadOnlyList<string>? regions = null)
    {
        ArgumentNullException.ThrowIfNull(programs);
        string[] regionNames = ["", .. regions ?? []];
        var programNames = programs.Select(p => p.Name).ToArray();
        var states = EnumNames<DeviceState>(s => s.ToString());
        var sources = EnumNames<GasSource>(s => PlantParameters.SnakeCase(s.ToString()));
        var alarms = EnumNames<AlarmCode>(a => a.ToString());

        return new TraceColumns(
        [
            TraceColumn.Number("t_s", 3, "virtual time of the tick, s", (in TraceSample s) => s.TimeS),
            TraceColumn.Choice("state", states, "controller state", (in TraceSample s) => (double)s.State),
            TraceColumn.Choice("program", programNames, "selected program", (in TraceSample s) => s.ProgramIndex),
            TraceColumn.Choice("gas_source", sources, "selected gas source", (in TraceSample s) => (double)s.GasSource),
            TraceColumn.Number("setpoint_mpa", 3, "pressure setpoint, MPa", (in TraceSample s) => s.SetpointMpa),
            TraceColumn.Number("reference_mpa", 4, "ramped regulator reference, MPa", (in TraceSample s) => s.ReferenceMpa),
            TraceColumn.Number("p_out_mpa", 4, "manifold pressure as the controller measures it, MPa", (in TraceSample s) => s.POutMpa),
            TraceColumn.Number("p_bottle_mpa", 4, "bottle pressure as measured, MPa", (in TraceSample s) => s.PBottleMpa),
            TraceColumn.Number("p_src_mpa", 4, "source-line pressure as measured, MPa", (in TraceSample s) => s.PSrcMpa),
            TraceColumn.Number("p_out_true_mpa", 4, "true manifold pressure in the plant, MPa", (in TraceSample s) => s.POutTrueMpa),
            TraceColumn.Number("p_bottle_true_mpa", 4, "true bottle pressure, MPa", (in TraceSample s) => s.PBottleTrueMpa),
            TraceColumn.Number("p_src_true_mpa", 4, "true source-line pressure, MPa", (in TraceSample s) => s.PSrcTrueMpa),
            TraceColumn.Number("p_hose_true_mpa", 4, "true pressure in the handpiece hose, MPa", (in TraceSample s) => s.PHoseTrueMpa),
            TraceColumn.Number("inlet_duty", 3, "commanded inlet valve opening, 0–1", (in TraceSample s) => s.InletDuty),
            TraceColumn.Flag("vent_open", "vent valve commanded open", (in TraceSample s) => Bit(s.VentOpen)),
            TraceColumn.Flag("source_open", "a source valve commanded open", (in TraceSample s) => Bit(s.SourceOpen)),
            TraceColumn.Flag("charge_open", "charge valve commanded open", (in TraceSample s) => Bit(s.ChargeOpen)),
            TraceColumn.Flag("spray_open", "spray valve commanded open", (in TraceSample s) => Bit(s.SprayOpen)),
            TraceColumn.Flag("compressor_on", "compressor commanded on", (in TraceSample s) => Bit(s.CompressorOn)),
            TraceColumn.Flag("pedal", "foot switch as the technician holds it", (in TraceSample s) => Bit(s.Pedal)),
            TraceColumn.Flag("pedal_seen", "foot switch as the controller has debounced it", (in TraceSample s) => Bit(s.PedalSeen)),
            TraceColumn.Flag("spray_valve_open_true", "spray valve physically open in the plant", (in TraceSample s) => Bit(s.SprayValveOpenTrue)),
            TraceColumn.Flag("mist", "gas and liquid leaving the nozzle together", (in TraceSample s) => Bit(s.Mist)),
            TraceColumn.Number("liquid_ml", 2, "nutrient liquid left in the bottle, mL", (in TraceSample s) => s.LiquidMl),
            TraceColumn.Number("nozzle_flow_lpm", 2, "gas leaving the nozzle, L/min ANR", (in TraceSample s) => s.NozzleFlowLpm),
            TraceColumn.Number("demand_lpm", 2, "regulator's flow demand, L/min ANR", (in TraceSample s) => s.DemandLpm),
            TraceColumn.Set("alarms", alarms, "latched alarm codes", (in TraceSample s) => s.Alarms),

            // Added with plans (DESIGN §2.7): after every earlier column, so that those keep their places.
            TraceColumn.Number("plan_step", 0, "the running plan's step, 1-based; 0 when no plan runs", (in TraceSample s) => s.PlanStep),
            TraceColumn.Choice("region", regionNames, "the running plan step's face region; empty when no plan runs", (in TraceSample s) => s.PlanStep > 0 ? s.RegionIndex + 1 : 0),
        ]);
    }

    public bool TryFind(string name, out TraceColumn column) => _byName.TryGetValue(name, out column!);

    public TraceColumn this[string name] =>
        _byName.TryGetValue(name, out var column) ? column : throw new KeyNotFoundException($"No trace column '{name}'.");

    private static double Bit(bool value) => value ? 1.0 : 0.0;

    /// <summary>Names indexed by the enum's numeric value, so a column reads a value with a plain cast.</summary>
    private static string[] EnumNames<T>(Func<T, string> name)
        where T : struct, Enum
    {
        var values = Enum.GetValues<T>();
        var names = new string[values.Max(v => Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture)) + 1];
        Array.Fill(names, "");
        foreach (var value in values)
        {
            names[Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)] = name(value);
        }

        return names;
    }
}
