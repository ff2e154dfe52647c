namespace HydroOxygen.Deployment.Tests;

/// <summary>
/// The device's screen (issue 13, DESIGN §3.5): cage running Chromium on the local dashboard at
/// boot, as its own unprivileged user, restarted if it dies, first on the local "controller not
/// running" page; installed and removed by the scripts.
/// </summary>
public sealed class KioskTests : IDisposable
{
    private static readonly string UnitText = File.ReadAllText(Repository.Path("deploy", "raspi", "hydro-oxygen-kiosk.service"));
    private static readonly string[] Unit = UnitText.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToArray();
    private static readonly string[] KioskPackages = ["cage", "chromium", "fonts-noto-cjk"];
    private readonly StandInPackage _package = new();

    private static string Setting(string key) =>
        Assert.Single(Unit, l => l.StartsWith(key + "=", StringComparison.Ordinal))[(key.Length + 1)..].Trim();

    [Fact]
    public void The_kiosk_unit_passes_systemd_analyze_verify()
    {
        var analyze = Repository.Which("systemd-analyze") ?? throw new InvalidOperationException("systemd-analyze is not installed (./test.sh installs systemd)");
        var directory = Directory.CreateTempSubdirectory("hydroxy-kiosk-unit-");
        try
        {
            // The unit as written, except that its programs are ones that exist on this machine.
            var cage = Path.Combine(directory.FullName, "cage");
            var kiosk = Path.Combine(directory.FullName, "kiosk.sh");
            File.Copy("/bin/true", cage);
            File.Copy("/bin/true", kiosk);
            var unit = Path.Combine(directory.FullName, "hydro-oxygen-kiosk.service");
            File.WriteAllText(unit, UnitText
                .Replace("/usr/bin/cage", cage, StringComparison.Ordinal)
                .Replace("/opt/hydro-oxygen/kiosk/kiosk.sh", kiosk, StringComparison.Ordinal));

            var (code, output) = Repository.Run(analyze, ["verify", unit], TimeSpan.FromMinutes(1));

            Assert.True(code == 0 && !output.Contains(unit, StringComparison.Ordinal), output);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Cage_runs_the_kiosk_script_as_its_own_unprivileged_user_at_boot_and_comes_back_if_it_dies()
    {
        Assert.Equal("/usr/bin/cage -d -s -- /opt/hydro-oxygen/kiosk/kiosk.sh", Setting("ExecStart"));
        Assert.Equal("hydroxy-kiosk", Setting("User"));
        Assert.NotEqual("root", Setting("User"));
        Assert.NotEqual("hydroxy", Setting("User"));
        Assert.Equal("always", Setting("Restart"));
        Assert.Equal("multi-user.target", Setting("WantedBy"));
        Assert.Equal("/dev/tty1", Setting("TTYPath"));
        Assert.Equal("hydro-oxygen-kiosk", Setting("PAMName"));
        Assert.Equal("yes", Setting("NoNewPrivileges"));
        Assert.Contains("Environment=HYDROXY_KIOSK_URL=http://127.0.0.1:5080/", Unit);

        // The controller is wanted, never required: while it is down the screen stays up with its page.
        Assert.Contains("hydro-oxygen.service", Setting("Wants"), StringComparison.Ordinal);
        Assert.DoesNotContain(Unit, l => l.StartsWith("Requires=", StringComparison.Ordinal) || l.StartsWith("BindsTo=", StringComparison.Ordinal));
        Assert.DoesNotContain(Unit, l => l.StartsWith("ExecStart=+", StringComparison.Ordinal) || l.StartsWith("ExecStart=!", StringComparison.Ordinal));
    }

    [Fact]
    public void The_kiosk_script_starts_Chromium_full_screen_with_touch_on_the_waiting_page_for_the_dashboard()
    {
        // A stand-in chromium on the PATH that prints what it was asked to do.
        var bin = Directory.CreateTempSubdirectory("hydroxy-kiosk-bin-");
        var state = Directory.CreateTempSubdirectory("hydroxy-kiosk-state-");
        try
        {
            var chromium = Path.Combine(bin.FullName, "chromium");
            File.WriteAllText(chromium, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
            if (OperatingSystem.IsLinux())
            {
                File.SetUnixFileMode(chromium, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            var (code, output) = Repository.Run(
                "bash",
                [Repository.Path("deploy", "raspi", "kiosk.sh")],
                TimeSpan.FromMinutes(1),
                new Dictionary<string, string>
                {
                    ["PATH"] = bin.FullName + ":/usr/bin:/bin",
                    ["STATE_DIRECTORY"] = state.FullName,
                    ["HYDROXY_KIOSK_URL"] = "http://127.0.0.1:5080/",
                });

            Assert.True(code == 0, output);
            var args = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Contains("--kiosk", args);
            Assert.Contains("--touch-events=enabled", args);
            Assert.Contains("--ozone-platform=wayland", args);
            Assert.Contains("--noerrdialogs", args);
            Assert.Contains($"--user-data-dir={state.FullName}/chromium", args);
            Assert.Equal($"file://{Repository.Path("deploy", "raspi")}/waiting.html?to=http://127.0.0.1:5080/", args[^1]);
        }
        finally
        {
            bin.Delete(recursive: true);
            state.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_install_script_installs_and_enables_the_screen()
    {
        var (code, output) = _package.RunDry("install.sh");

        Assert.True(code == 0, output);
        var commands = StandInPackage.Commands(output);
        var useradd = Assert.Single(commands, c => c.StartsWith("useradd ", StringComparison.Ordinal) && c.EndsWith(" hydroxy-kiosk", StringComparison.Ordinal));
        Assert.Contains("--system", useradd, StringComparison.Ordinal);
        Assert.Contains("--shell /usr/sbin/nologin", useradd, StringComparison.Ordinal);
        Assert.Contains("install -m 0644 " + _package.PathOf("hydro-oxygen-kiosk.service") + " /etc/systemd/system/hydro-oxygen-kiosk.service", commands);
        Assert.Contains("install -m 0644 " + _package.PathOf("hydro-oxygen-kiosk.pam") + " /etc/pam.d/hydro-oxygen-kiosk", commands);
        Assert.Contains("install -m 0755 " + _package.PathOf("kiosk.sh") + " /opt/hydro-oxygen/kiosk/kiosk.sh", commands);
        Assert.Contains("install -m 0644 " + _package.PathOf("kiosk-waiting.html") + " /opt/hydro-oxygen/kiosk/waiting.html", commands);
        Assert.Contains("systemctl enable hydro-oxygen-kiosk", commands);
        Assert.Contains("systemctl restart hydro-oxygen-kiosk", commands);

        // Whatever of cage, Chromium and the CJK fonts this machine lacks is installed from Debian.
        var missing = KioskPackages.Where(p => !Installed(p)).ToList();
        if (missing.Count > 0)
        {
            Assert.Contains("apt-get install -y --no-install-recommends " + string.Join(' ', missing), commands);
        }
    }

    [Fact]
    public void The_install_script_turns_off_console_blanking_on_the_kernel_command_line()
    {
        var boot = Directory.CreateTempSubdirectory("hydroxy-boot-");
        try
        {
            File.WriteAllText(Path.Combine(boot.FullName, "cmdline.txt"), "console=tty1 root=PARTUUID=1234-02 rootwait\n");
            var (code, output) = _package.RunDry(new Dictionary<string, string> { ["HYDROXY_BOOT_DIR"] = boot.FullName }, "install.sh");

            Assert.True(code == 0, output);
            Assert.Contains($"sed -i 1 s/$/ consoleblank=0/ {boot.FullName}/cmdline.txt", StandInPackage.Commands(output));

            File.WriteAllText(Path.Combine(boot.FullName, "cmdline.txt"), "console=tty1 consoleblank=0 rootwait\n");
            (code, output) = _package.RunDry(new Dictionary<string, string> { ["HYDROXY_BOOT_DIR"] = boot.FullName }, "install.sh");
            Assert.True(code == 0, output);
            Assert.DoesNotContain(StandInPackage.Commands(output), c => c.Contains("consoleblank", StringComparison.Ordinal));
        }
        finally
        {
            boot.Delete(recursive: true);
        }
    }

    [Fact]
    public void Without_a_display_the_screen_is_left_out()
    {
        var (code, output) = _package.RunDry("install.sh", "--no-kiosk");

        Assert.True(code == 0, output);
        Assert.DoesNotContain(StandInPackage.Commands(output), c => c.Contains("kiosk", StringComparison.Ordinal) || c.Contains("cage", StringComparison.Ordinal));
        Assert.Contains("systemctl enable hydro-oxygen", StandInPackage.Commands(output));
    }

    [Fact]
    public void The_uninstall_script_removes_the_screen_and_with_purge_its_user()
    {
        var (code, output) = _package.RunDry("uninstall.sh", "--purge");

        Assert.True(code == 0, output);
        var commands = StandInPackage.Commands(output);
        Assert.Contains(commands, c => c.StartsWith("systemctl disable --now hydro-oxygen-kiosk", StringComparison.Ordinal));
        Assert.Contains(commands, c => c.StartsWith("rm -f ", StringComparison.Ordinal) && c.Contains("/etc/systemd/system/hydro-oxygen-kiosk.service", StringComparison.Ordinal) && c.Contains("/etc/pam.d/hydro-oxygen-kiosk", StringComparison.Ordinal));
        Assert.Contains(commands, c => c.StartsWith("userdel hydroxy-kiosk", StringComparison.Ordinal));
        Assert.Contains(commands, c => c.StartsWith("rm -rf ", StringComparison.Ordinal) && c.Contains("/var/lib/hydro-oxygen-kiosk", StringComparison.Ordinal));
    }

    [Fact]
    public void The_waiting_page_is_local_and_goes_to_the_address_it_is_given()
    {
        var page = File.ReadAllText(Repository.Path("deploy", "raspi", "kiosk-waiting.html"));

        Assert.Contains("控制器未运行", page, StringComparison.Ordinal);
        Assert.Contains("The controller is not running", page, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<link rel=\"stylesheet\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script src", page, StringComparison.Ordinal);
    }

    private static bool Installed(string package) =>
        Repository.Run("dpkg", ["-s", package], TimeSpan.FromMinutes(1)).ExitCode == 0;

    public void Dispose() => _package.Dispose();
}
