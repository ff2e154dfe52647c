using HydroOxygen.Controller.Startup;
using Microsoft.Extensions.Configuration;

namespace HydroOxygen.Controller.Tests.Hosting;

/// <summary>
/// The oxygen volume factor has one key (<c>Supplies:OxygenVolumeFactor</c>) and one place where it is
/// applied: the core's count of the gas delivered, so the control settings carry it from the supplies.
/// </summary>
public class OxygenVolumeFactorConfigurationTests
{
    private static (bool Ok, double Factor, IReadOnlyList<string> Problems) Read(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var ok = ControllerHost.TryReadOptions(configuration, out var options, out var problems);
        return (ok, options.Settings.OxygenVolumeFactor, problems);
    }

    [Fact]
    public void The_supplies_factor_reaches_the_core()
    {
        Assert.Equal(0.951, Read().Factor);
        var (ok, factor, _) = Read(("Supplies:OxygenVolumeFactor", "0.9"));
        Assert.True(ok);
        Assert.Equal(0.9, factor);
    }

    [Fact]
    public void Setting_it_under_Controller_is_refused_naming_the_key_to_use()
    {
        var (ok, _, problems) = Read(("Controller:OxygenVolumeFactor", "0.9"));
        Assert.False(ok);
        var problem = Assert.Single(problems);
        Assert.Contains("Controller:OxygenVolumeFactor", problem, StringComparison.Ordinal);
        Assert.Contains("Supplies:OxygenVolumeFactor", problem, StringComparison.Ordinal);
    }
}
