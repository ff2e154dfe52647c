namespace HydroOxygen.Deployment.Tests;

/// <summary>
/// Issue 8: on the Pi the controller runs as its own unprivileged system user, never root, and the
/// install script creates that user without a login shell or a home of its own.
/// </summary>
public sealed class ServiceUserTests
{
    private static readonly string[] Unit = File.ReadAllLines(Repository.Path("deploy", "raspi", "hydro-oxygen.service"));

    private static string Setting(string key) =>
        Assert.Single(Unit, l => l.StartsWith(key + "=", StringComparison.Ordinal))[(key.Length + 1)..].Trim();

    [Fact]
    public void The_unit_runs_the_service_as_the_hydroxy_user_and_group_not_root()
    {
        Assert.Equal("hydroxy", Setting("User"));
        Assert.Equal("hydroxy", Setting("Group"));

        // Nothing hands the privileges back: no dynamic root, no extra capabilities beyond the
        // real-time scheduling the loop needs.
        Assert.DoesNotContain(Unit, l => l.StartsWith("PermissionsStartOnly=", StringComparison.Ordinal));
        Assert.DoesNotContain(Unit, l => l.StartsWith("ExecStart=+", StringComparison.Ordinal) || l.StartsWith("ExecStart=!", StringComparison.Ordinal));
        Assert.DoesNotContain(Unit, l => l.StartsWith("AmbientCapabilities=", StringComparison.Ordinal) && l.Contains("CAP_SYS_ADMIN", StringComparison.Ordinal));
        Assert.Equal("yes", Setting("NoNewPrivileges"));
    }

    [Fact]
    public void The_install_script_creates_that_user_as_a_system_user_without_a_login_shell()
    {
        // The script run dry over a package folder with a stand-in executable: it prints what it would do.
        var package = Directory.CreateTempSubdirectory("hydroxy-package-");
        try
        {
            foreach (var file in Directory.GetFiles(Repository.Path("deploy", "raspi")))
            {
                File.Copy(file, Path.Combine(package.FullName, Path.GetFileName(file)));
            }

            var app = Directory.CreateDirectory(Path.Combine(package.FullName, "app"));
            var executable = Path.Combine(app.FullName, "HydroOxygen.Controller");
            File.Copy("/bin/true", executable);

            var (code, output) = Repository.Run("bash", [Path.Combine(package.FullName, "install.sh"), "--dry-run"], TimeSpan.FromMinutes(1));

            Assert.True(code == 0, output);
            // The service's user (the screen has its own, hydroxy-kiosk: KioskTests).
            var useradd = Assert.Single(output.Split('\n'), l => l.StartsWith("+ useradd ", StringComparison.Ordinal) && l.TrimEnd().EndsWith(" hydroxy", StringComparison.Ordinal));
            var words = useradd.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Contains("--system", words);
            Assert.Contains("--no-create-home", words);
            Assert.Equal("/usr/sbin/nologin", words[Array.IndexOf(words, "--shell") + 1]);
            Assert.Equal(Setting("User"), words[^1]);

            // The data and log directories belong to it (and only they are writable, ReadWritePaths).
            Assert.Contains("+ install -d -m 0750 -o hydroxy -g hydroxy /var/lib/hydro-oxygen /var/log/hydro-oxygen", output, StringComparison.Ordinal);
        }
        finally
        {
            package.Delete(recursive: true);
        }
    }
}
