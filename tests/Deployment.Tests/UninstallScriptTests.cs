namespace HydroOxygen.Deployment.Tests;

/// <summary>
/// uninstall.sh, run dry: it stops and disables the service (whose shutdown vents the device) before
/// taking anything away, removes every file install.sh put outside the program directory, and
/// keeps configuration, data, logs and the user unless told to purge them.
/// </summary>
public sealed class UninstallScriptTests : IDisposable
{
    private static readonly string[] KeptWithoutPurge = ["/etc/hydro-oxygen", "/var/lib/hydro-oxygen", "/var/log/hydro-oxygen", "userdel"];

    private readonly StandInPackage _package = new();

    [Fact]
    public void Stops_and_disables_the_service_first_then_removes_unit_rules_and_program_and_keeps_the_data()
    {
        var (code, output) = _package.RunDry("uninstall.sh");

        Assert.True(code == 0, output);
        var commands = StandInPackage.Commands(output);
        Assert.Equal("systemctl disable --now hydro-oxygen", commands[0]);
        var removal = Assert.Single(commands, c => c.StartsWith("rm -f ", StringComparison.Ordinal));
        Assert.Contains("/etc/systemd/system/hydro-oxygen.service", removal, StringComparison.Ordinal);
        Assert.Contains("/etc/udev/rules.d/99-hydro-oxygen.rules", removal, StringComparison.Ordinal);
        Assert.True(Array.IndexOf(commands, "systemctl daemon-reload") > Array.IndexOf(commands, removal), "systemd forgets the unit after its file is gone");
        Assert.Contains("rm -rf /opt/hydro-oxygen", commands);
        foreach (var kept in KeptWithoutPurge)
        {
            Assert.DoesNotContain(commands, c => c.Contains(kept, StringComparison.Ordinal));
        }

        Assert.Contains("Dry run: nothing was changed.", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Purge_also_removes_configuration_data_logs_and_the_service_user()
    {
        var (code, output) = _package.RunDry("uninstall.sh", "--purge");

        Assert.True(code == 0, output);
        var commands = StandInPackage.Commands(output);
        Assert.Contains("rm -rf /etc/hydro-oxygen /var/lib/hydro-oxygen /var/log/hydro-oxygen", commands);
        Assert.Contains("userdel hydroxy", commands);
        Assert.True(Array.IndexOf(commands, "userdel hydroxy") > Array.IndexOf(commands, "systemctl disable --now hydro-oxygen"));
    }

    [Fact]
    public void Removes_every_file_install_puts_outside_the_program_and_site_directories()
    {
        var (installCode, installOutput) = _package.RunDry("install.sh");
        var (code, output) = _package.RunDry("uninstall.sh");

        Assert.True(installCode == 0, installOutput);
        Assert.True(code == 0, output);
        var installed = StandInPackage.Commands(installOutput)
            .Where(c => c.StartsWith("install -m ", StringComparison.Ordinal))
            .Select(c => c.Split(' ')[^1])
            .Where(target => !target.StartsWith("/opt/hydro-oxygen/", StringComparison.Ordinal) && !target.StartsWith("/etc/hydro-oxygen/", StringComparison.Ordinal))
            .ToArray();
        var removed = StandInPackage.Commands(output).Single(c => c.StartsWith("rm -f ", StringComparison.Ordinal)).Split(' ')[2..];

        Assert.Equal(5, installed.Length); // the unit, the udev rules, the watchdog drop-in, the screen's unit and PAM service
        Assert.Equal(installed.Order(StringComparer.Ordinal), removed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Refuses_unknown_options_before_doing_anything()
    {
        // Not dry: the option is refused while the arguments are read, before any command.
        var (code, output) = Repository.Run("bash", [Repository.Path("deploy", "raspi", "uninstall.sh"), "--everything"], TimeSpan.FromMinutes(1));

        Assert.Equal(2, code);
        Assert.Contains("unknown option '--everything'", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Removed", output, StringComparison.Ordinal);
    }

    public void Dispose() => _package.Dispose();
}
