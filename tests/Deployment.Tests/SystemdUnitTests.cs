namespace HydroOxygen.Deployment.Tests;

/// <summary>The systemd unit is valid and carries the properties the device relies on.</summary>
public sealed class SystemdUnitTests
{
    private static readonly string Unit = File.ReadAllText(Repository.Path("deploy", "raspi", "hydro-oxygen.service"));

    [Fact]
    public void The_unit_passes_systemd_analyze_verify()
    {
        var analyze = Repository.Which("systemd-analyze") ?? throw new InvalidOperationException("systemd-analyze is not installed (./test.sh installs systemd)");

        // Verify the unit as written, except that its program is one that exists on this machine.
        var directory = Directory.CreateTempSubdirectory("hydroxy-unit-");
        try
        {
            var program = Path.Combine(directory.FullName, "HydroOxygen.Controller");
            File.Copy("/bin/true", program);
            var unit = Path.Combine(directory.FullName, "hydro-oxygen.service");
            File.WriteAllText(unit, Unit.Replace("/opt/hydro-oxygen/HydroOxygen.Controller", program, StringComparison.Ordinal));

            var (code, output) = Repository.Run(analyze, ["verify", unit], TimeSpan.FromMinutes(1));

            Assert.True(code == 0 && !output.Contains(unit, StringComparison.Ordinal), output);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("Type=notify")]
    [InlineData("WatchdogSec=")]
    [InlineData("Restart=on-failure")]
    [InlineData("CPUSchedulingPolicy=fifo")]
    [InlineData("LimitRTPRIO=")]
    [InlineData("ProtectSystem=strict")]
    [InlineData("ReadWritePaths=/var/lib/hydro-oxygen /var/log/hydro-oxygen")]
    [InlineData("NoNewPrivileges=yes")]
    [InlineData("DevicePolicy=closed")]
    [InlineData("DeviceAllow=char-gpiochip rw")]
    [InlineData("DeviceAllow=char-i2c rw")]
    [InlineData("User=hydroxy")]
    [InlineData("SupplementaryGroups=gpio i2c")]
    [InlineData("Environment=HYDROXY_CONFIG_DIR=/etc/hydro-oxygen")]
    public void The_unit_sets(string line) => Assert.Contains(line, Unit, StringComparison.Ordinal);

    [Fact]
    public void The_unit_selects_the_hardware_backend_above_every_configuration_file()
    {
        // An environment variable outranks the shipped and the site appsettings.json, so no edit of
        // a file can turn the installed device into a simulator.
        var settings = Unit.Split('\n').Select(l => l.Trim()).Where(l => !l.StartsWith('#')).ToList();

        Assert.Contains("Environment=Device__Backend=RaspberryPi", settings);
    }

    [Fact]
    public void The_unit_gives_the_garbage_collector_a_young_generation_as_large_as_a_desktop_CPU_gets()
    {
        // The runtime reads DOTNET_GCgen0size as hexadecimal, from the environment only (it has no
        // runtimeconfig.json name); a Pi's own cache would give it under 1 MB.
        const string Prefix = "Environment=DOTNET_GCgen0size=";
        var line = Unit.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith(Prefix, StringComparison.Ordinal));
        var value = line[Prefix.Length..];

        Assert.StartsWith("0x", value, StringComparison.Ordinal);
        Assert.InRange(long.Parse(value[2..], System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture), 16L << 20, 256L << 20);
    }

    [Fact]
    public void The_unit_gives_the_shutdown_sequence_time_before_SIGKILL()
    {
        var timeout = Unit.Split('\n').Single(l => l.StartsWith("TimeoutStopSec=", StringComparison.Ordinal));
        Assert.True(int.Parse(timeout["TimeoutStopSec=".Length..], System.Globalization.CultureInfo.InvariantCulture) >= 45);
    }
}
