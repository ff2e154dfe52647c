using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using CsCheck;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Hosting;
using HydroOxygen.Controller.Tests.Scenarios;
using HydroOxygen.Hal;
using HydroOxygen.Simulator.Plant;
using Xunit.Abstractions;
using HydroOxygen.Controller.Startup;

namespace HydroOxygen.Controller.Tests.BadInput.Fuzzing;

/// <summary>
/// Thousands of damaged copies of the shipped configuration files through the start-up checks
/// (read, sections, bind, validate). They may accept or list problems (exit code 3), nothing else;
/// they answer within the time bound; and what they accept builds a working controller core.
/// </summary>
public sealed class ConfigurationFuzz(ITestOutputHelper output)
{
    private const long CiIterations = 3000;

    private static readonly (string Name, string Text)[] Seeds =
    [
        ("src/Controller/appsettings.json", File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "Controller", "appsettings.json"))),
        ("deploy/raspi/appsettings.site.json", File.ReadAllText(Path.Combine(RepositoryPaths.Root, "deploy", "raspi", "appsettings.site.json"))),
    ];

    [Fact]
    public void Damaged_configuration_files_are_refused_or_really_valid_never_a_crash_or_a_hang()
    {
        var accepted = 0L;
        var refused = 0L;
        var unreadable = 0L;
        var iterations = FuzzRuns.Iterations(CiIterations);

        FuzzGenerators.ConfigurationInput(Seeds).Sample(input =>
        {
            var (options, problems) = FuzzRuns.Bounded(() => ConfigurationText.Read(input.Bytes()));
            if (options is null)
            {
                Assert.NotEmpty(problems);
                Assert.All(problems, p => Assert.False(string.IsNullOrWhiteSpace(p)));
                Interlocked.Increment(ref problems[0].StartsWith("Failed to load configuration", StringComparison.Ordinal) ? ref unreadable : ref refused);
                return;
            }

            Assert.Empty(problems);
            AssertWorking(options);
            Interlocked.Increment(ref accepted);
        }, iter: iterations, threads: FuzzRuns.Threads, print: i => i.ToString());

        output.WriteLine($"{iterations} damaged configuration files: {accepted} accepted (and checked working), {refused} refused with named keys, {unreadable} unreadable (not JSON)");
        Assert.Equal(iterations, accepted + refused + unreadable);
        Assert.True(accepted > 0 && refused > 0 && unreadable > 0, "the mutations should reach every outcome");
    }

    /// <summary>Accepted options must give a controller core and, on the simulator, a plant — with no NaN or infinity anywhere.</summary>
    private static void AssertWorking(ControllerOptions options)
    {
        Assert.Empty(options.Settings.Problems(ControllerSettings.Section));
        Assert.Empty(options.Device.Problems(DeviceOptions.Section));
        AssertFinite(options.Settings, "Controller", 0);
        AssertFinite(options.Device, "Device", 0);
        _ = new SprayController(options.Settings, new EventRing(16));
        if (options.Device.Backend == DeviceBackend.Simulator)
        {
            _ = new SprayPlant(options.Device.Simulator.Plant, options.Device.Simulator.Seed);
        }
    }

    private static void AssertFinite(object? value, string path, int depth)
    {
        switch (value)
        {
            case null or string or bool or Enum:
                return;
            case double d:
                Assert.True(double.IsFinite(d), $"{path} = {d} was accepted");
                return;
            case float f:
                Assert.True(float.IsFinite(f), $"{path} = {f} was accepted");
                return;
            case IEnumerable items when depth < 8:
                var i = 0;
                foreach (var item in items)
                {
                    AssertFinite(item, $"{path}:{i++}", depth + 1);
                }

                return;
        }

        var type = value.GetType();
        if (depth >= 8 || type.IsPrimitive || type.Namespace?.StartsWith("HydroOxygen", StringComparison.Ordinal) != true)
        {
            return;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.CanWrite))
        {
            AssertFinite(property.GetValue(value), $"{path}:{property.Name}", depth + 1);
        }
    }
}
