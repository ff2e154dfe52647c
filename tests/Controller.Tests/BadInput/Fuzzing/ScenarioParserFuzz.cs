using System.Collections.Concurrent;
using System.Text;
using CsCheck;
using HydroOxygen.Controller.Loop;
using HydroOxygen.Controller.Simulation.Scenarios;
using HydroOxygen.Controller.Tests.Scenarios;
using HydroOxygen.Hal;
using Xunit.Abstractions;

namespace HydroOxygen.Controller.Tests.BadInput.Fuzzing;

/// <summary>
/// Thousands of damaged copies of the repository's scenario files through the scenario parser. It
/// may accept or refuse (<see cref="ScenarioException"/>, exit code 2), nothing else; it answers
/// within the time bound; and what it accepts is a scenario the runner can really run.
/// </summary>
public sealed class ScenarioParserFuzz(ITestOutputHelper output)
{
    private const long CiIterations = 3000;

    private static readonly (string Name, byte[] Bytes)[] Seeds =
        [.. Directory.GetFiles(RepositoryPaths.Scenarios, "*.yaml", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => (Path.GetRelativePath(RepositoryPaths.Root, path), File.ReadAllBytes(path)))];

    [Fact]
    public void Damaged_scenario_files_are_refused_or_really_valid_never_a_crash_or_a_hang()
    {
        var accepted = 0L;
        var refused = 0L;
        var reasons = new ConcurrentDictionary<string, int>();
        var iterations = FuzzRuns.Iterations(CiIterations);

        FuzzGenerators.Input(Seeds).Sample(input =>
        {
            var text = Encoding.UTF8.GetString(input.Bytes());
            try
            {
                var scenario = FuzzRuns.Bounded(() => ScenarioParser.Default.Parse(text, "fuzz.yaml"));
                AssertRunnable(scenario);
                Interlocked.Increment(ref accepted);
            }
            catch (ScenarioException ex)
            {
                Assert.NotEmpty(ex.Errors);
                Assert.All(ex.Errors, e => Assert.StartsWith("fuzz.yaml:", e.ToString(), StringComparison.Ordinal));
                reasons.AddOrUpdate(Reason(ex.Errors[0].Message), 1, (_, n) => n + 1);
                Interlocked.Increment(ref refused);
            }
        }, iter: iterations, threads: FuzzRuns.Threads, print: i => i.ToString());

        output.WriteLine($"{iterations} damaged scenarios from {Seeds.Length} files: {accepted} accepted (and checked runnable), {refused} refused");
        foreach (var (reason, count) in reasons.OrderByDescending(r => r.Value).Take(12))
        {
            output.WriteLine($"  {count,6} {reason}");
        }

        Assert.Equal(iterations, accepted + refused);
        Assert.True(refused > 0 && accepted > 0, "the mutations should produce both valid and invalid files");
    }

    /// <summary>What the runner relies on, checked independently of the parser's own checks.</summary>
    private static void AssertRunnable(Scenario scenario)
    {
        Assert.False(string.IsNullOrEmpty(scenario.Name));
        Assert.True(double.IsFinite(scenario.DurationS) && scenario.DurationS > 0 && scenario.DurationS <= ScenarioParser.MaxDurationS, $"duration {scenario.DurationS}");
        scenario.Plant.Problems(Simulator.Plant.PlantParameters.ScenarioFileKeys());
        var previous = 0.0;
        foreach (var step in scenario.Steps)
        {
            Assert.True(step.AtS >= previous && step.AtS <= scenario.DurationS, $"step {step} out of order or after the end");
            previous = step.AtS;
            switch (step.Action)
            {
                case SetPressureAction set:
                    Assert.True(double.IsFinite(set.Mpa), $"setpoint {set.Mpa}");
                    break;
                case InjectFaultAction inject:
                    Assert.Null(inject.Fault.Problem());
                    break;
            }
        }

        var commands = scenario.Steps.Where(s => s.Action.IsCommand).Select(s => s.AtS).ToArray();
        for (var i = CommandQueue.DefaultCapacity; i < commands.Length; i++)
        {
            Assert.True(commands[i] - commands[i - CommandQueue.DefaultCapacity] >= 1.0 / 500, "more commands in one tick than the loop takes");
        }

        foreach (var expectation in scenario.Expectations)
        {
            var window = expectation.Window;
            Assert.True(window.StartS >= 0 && window.StartS <= window.EndS && window.EndS <= scenario.DurationS, $"window {window}");
            Assert.NotEmpty(expectation.Conditions);
        }
    }

    /// <summary>The reason without the quoted value, so that counts group by kind of problem.</summary>
    private static string Reason(string message)
    {
        var quote = message.IndexOf('\'', StringComparison.Ordinal);
        var reason = quote > 0 ? message[..quote] : message;
        return reason.Length > 70 ? reason[..70] : reason;
    }
}
