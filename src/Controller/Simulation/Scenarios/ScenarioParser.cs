using System.Globalization;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Loop;
using HydroOxygen.Simulator.Plant;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using HydroOxygen.Controller.Simulation.Traces;

namespace HydroOxygen.Controller.Simulation.Scenarios;

/// <summary>
/// Reads a scenario file (DESIGN §3.1) and checks all of it before anything runs: a scenario that
/// fails half-way through a 90-minute run because of a typo in its last step wastes the run.
/// </summary>
/// <remarks>
/// The YAML representation model keeps every node's position, so each problem is reported as
/// <c>file:line:column: reason</c>. Problems are collected, not thrown one at a time.
/// </remarks>
public sealed class ScenarioParser
{
    private static readonly string[] TopLevelKeys = ["name", "seed", "duration", "plant", "steps", "expect"];

    private readonly IReadOnlyList<ProgramDefinition> _programs;
    private readonly IReadOnlyList<PlanDefinition> _plans;
    private readonly double _tickSeconds;

    /// <summary>
    /// A day of virtual time, minutes of wall time in Release (the simulator runs ~400× real time).
    /// Beyond it a typo (<c>99999999999999999999min</c>) would be a run that never ends, not a test.
    /// </summary>
    public const double MaxDurationS = 24 * 3600.0;
    private readonly TraceColumns _columns;

    /// <param name="settings">The controller the scenario will run on: its programs are the ones <c>select_program</c> may name.</param>
    public ScenarioParser(ControllerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _programs = settings.EffectivePrograms;
        _plans = settings.EffectivePlans;
        _tickSeconds = settings.TickSeconds;
        _columns = TraceColumns.For(settings);
    }

    public static ScenarioParser Default { get; } = new(ControllerSettings.Default);

    /// <summary>Reads and checks a scenario file. Throws <see cref="ScenarioException"/> listing every problem.</summary>
    public Scenario Load(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Checks scenario text; <paramref name="sourcePath"/> is only used to name the file in messages.</summary>
    public Scenario Parse(string yaml, string sourcePath)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var reader = new YamlReader(sourcePath);
        var scenario = Read(yaml, reader);
        if (reader.HasErrors || scenario is null)
        {
            throw new ScenarioException(reader.Errors);
        }

        return scenario;
    }

    private Scenario? Read(string yaml, YamlReader reader)
    {
        var root = LoadRoot(yaml, reader);
        if (root is null)
        {
            return null;
        }

        var fields = reader.Fields(root, "a scenario", TopLevelKeys);
        if (fields is null)
        {
            return null;
        }

        var name = Required(fields, "name", "name: acne-basic", reader) is { } nameField ? reader.Text(nameField.Value, "name") : null;
        if (name is not null && string.IsNullOrWhiteSpace(name))
        {
            // The name heads the report, the plot and the trace's file names: a blank one is a missing one.
            reader.Report(fields["name"]!.Value, "name must not be blank (e.g. name: acne-basic)");
            name = null;
        }
        var seed = fields["seed"] is { } seedField ? reader.Integer(seedField.Value, "seed") : 0;
        var duration = Required(fields, "duration", "duration: 120s", reader) is { } durationField ? ReadDuration(durationField, reader) : null;

        // Without a valid duration the times cannot be bounded; check them against no bound rather
        // than report every step as "after the end".
        var bound = duration ?? double.PositiveInfinity;
        var plant = fields["plant"] is { } plantField ? PlantOverrides.Read(plantField, reader) : PlantParameters.Default;
        var steps = fields["steps"] is { } stepsField ? new StepReader(reader, _programs, _plans, bound).Read(stepsField) : [];
        CheckCommandsPerTick(steps, reader);
        var expectations = fields["expect"] is { } expectField ? new ExpectationReader(reader, _columns, bound).Read(expectField) : [];

        if (name is null || seed is null || duration is null)
        {
            return null;
        }

        return new Scenario
        {
            Name = name,
            SourcePath = reader.SourcePath,
            Seed = seed.Value,
            DurationS = duration.Value,
            Plant = plant,
            Steps = steps,
            Expectations = expectations,
        };
    }

    /// <summary>
    /// The runner posts a step's command into the loop's bounded queue, which the loop drains once
    /// per tick; more commands than it holds within one tick cannot be delivered. That is a fault of
    /// the file, said here with its line, rather than a run that stops half-way.
    /// </summary>
    private void CheckCommandsPerTick(IReadOnlyList<ScenarioStep> steps, YamlReader reader)
    {
        var commands = steps.Where(s => s.Action.IsCommand).ToList();
        for (int first = 0, last = 0; last < commands.Count; last++)
        {
            while (commands[last].AtS - commands[first].AtS >= _tickSeconds)
            {
                first++;
            }

            if (last - first + 1 > CommandQueue.DefaultCapacity)
            {
                reader.Report(commands[last].Location, string.Create(CultureInfo.InvariantCulture,
                    $"more than {CommandQueue.DefaultCapacity} commands within one loop tick ({_tickSeconds * 1000:0.###} ms) from {DurationText.Format(commands[first].AtS)}: the controller takes at most {CommandQueue.DefaultCapacity} at once; spread them out"));
                return;
            }
        }
    }

    private static YamlMappingNode? LoadRoot(string yaml, YamlReader reader)
    {
        var stream = new YamlStream();
        var scanner = new Scanner(new StringReader(yaml));
        try
        {
            stream.Load(new Parser(scanner));
        }
        catch (YamlException ex)
        {
            reader.Report(reader.Location((int)ex.Start.Line, (int)ex.Start.Column), "not valid YAML: " + (ex.InnerException?.Message ?? ex.Message));
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet gives up on some broken input with these instead of a YamlException (an
            // unclosed flow mapping with a tag; a last line ': '; both found by fuzzing): still a
            // bad file, not a crash.
            var at = scanner.CurrentPosition;
            reader.Report(reader.Location((int)at.Line, (int)at.Column), $"not valid YAML: the YAML reader could not go on here ({ex.Message})");
            return null;
        }

        if (stream.Documents.Count == 0)
        {
            reader.Report(reader.Location(1, 1), "the file is empty; a scenario needs at least name and duration");
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            reader.Report(stream.Documents[1].RootNode, "one scenario per file: a second YAML document starts here");
            return null;
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            reader.Report(stream.Documents[0].RootNode, "a scenario is a mapping with name, duration, steps and expect");
            return null;
        }

        return root;
    }

    private static double? ReadDuration(YamlField field, YamlReader reader)
    {
        var duration = reader.Duration(field.Value, "duration");
        if (duration is 0)
        {
            reader.Report(field.Value, "duration must be longer than zero");
            return null;
        }

        if (duration > MaxDurationS)
        {
            reader.Report(field.Value, string.Create(CultureInfo.InvariantCulture,
                $"duration: '{(field.Value as YamlScalarNode)?.Value}' is longer than a scenario may run ({MaxDurationS / 60:0}min, a day of virtual time)"));
            return null;
        }

        return duration;
    }

    private static YamlField? Required(YamlFields fields, string key, string example, YamlReader reader)
    {
        var field = fields[key];
        if (field is null)
        {
            reader.Report(fields.Node, $"missing '{key}' (e.g. {example})");
        }

        return field;
    }
}
