namespace HydroOxygen.Deployment.Tests;

/// <summary>
/// What goes onto the Pi: the linux-arm64 build runs (under qemu-aarch64-static, as on a Pi's
/// Cortex-A72) through a scenario on both backends, and the install script does what it says.
/// </summary>
public sealed class RaspberryPiPackageTests(Arm64Build build) : IClassFixture<Arm64Build>
{
    /// <summary>
    /// qemu-user does not see code the runtime writes through the second, writable mapping of its
    /// W^X code pages, and may go on running stale translations of them (dotnet/runtime#94909): the
    /// emulated process then fails at random. A Pi runs the package with W^X as shipped.
    /// </summary>
    private static readonly Dictionary<string, string> Emulation = new()
    {
        ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1",
        ["DOTNET_EnableWriteXorExecute"] = "0",
    };

    [Fact]
    public void The_package_holds_an_arm64_executable_and_everything_install_needs()
    {
        Assert.True(File.Exists(build.Executable), $"publish failed ({build.PublishExitCode}):\n{build.PublishOutput}");
        var header = File.ReadAllBytes(build.Executable).AsSpan(0, 20).ToArray();
        Assert.Equal("\u007fELF"u8.ToArray(), header[..4]);
        Assert.Equal(0xB7, BitConverter.ToUInt16(header, 18)); // e_machine = EM_AARCH64
        foreach (var file in new[] { "install.sh", "uninstall.sh", "hydro-oxygen.service", "99-hydro-oxygen.rules", "watchdog.conf", "appsettings.site.json", "README.md",
            "hydro-oxygen-kiosk.service", "hydro-oxygen-kiosk.pam", "kiosk.sh", "kiosk-waiting.html" })
        {
            Assert.True(File.Exists(Path.Combine(build.Directory, file)), $"{file} missing from the package");
        }
    }

    [Theory]
    [InlineData("models")]
    [InlineData("drivers")]
    public void The_arm64_build_completes_a_scenario_under_emulation(string backend)
    {
        var qemu = Repository.Which("qemu-aarch64-static") ?? throw new InvalidOperationException("qemu-aarch64-static is not installed (./test.sh installs qemu-user-static)");

        var (code, output) = Repository.Run(
            qemu,
            [build.Executable, "simulate", Repository.Path("scenarios", "acne-session.yaml"), "--backend", backend],
            TimeSpan.FromMinutes(10),
            Emulation);

        Assert.True(code == 0, output);
        Assert.Contains("expectations: 21 passed, 0 failed", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// The tester's PNG plot on the Pi: the package carries the arm64 Skia library, and it draws
    /// (it links against fontconfig, which ./test.sh installs for arm64 as a Pi with its screen has it).
    /// </summary>
    [Fact]
    public void The_arm64_build_draws_a_PNG_plot_under_emulation()
    {
        var qemu = Repository.Which("qemu-aarch64-static") ?? throw new InvalidOperationException("qemu-aarch64-static is not installed (./test.sh installs qemu-user-static)");
        var skia = File.ReadAllBytes(Path.Combine(build.Directory, "app", "libSkiaSharp.so")).AsSpan(0, 20).ToArray();
        Assert.Equal(0xB7, BitConverter.ToUInt16(skia, 18)); // e_machine = EM_AARCH64
        var png = Path.Combine(Path.GetTempPath(), $"hydroxy-arm64-{Guid.NewGuid():N}.png");
        try
        {
            var (code, output) = Repository.Run(
                qemu,
                [build.Executable, "simulate", Repository.Path("scenarios", "faults", "adc_nack.yaml"), "--quiet", "--plot", png],
                TimeSpan.FromMinutes(5),
                Emulation);

            Assert.True(code == 0, output);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(png)[..4]);
        }
        finally
        {
            File.Delete(png);
        }
    }

    [Fact]
    public void The_arm64_build_speaks_Chinese_without_ICU()
    {
        var qemu = Repository.Which("qemu-aarch64-static") ?? throw new InvalidOperationException("qemu-aarch64-static is not installed (./test.sh installs qemu-user-static)");
        var chinese = new Dictionary<string, string>(Emulation) { ["LANG"] = "zh_CN.UTF-8", ["LC_ALL"] = "", ["LC_MESSAGES"] = "" };

        // A message of the command line, and a setting refused, in an engineer's Chinese terminal:
        // the resources are found by name, in globalisation-invariant mode, as on the Pi.
        var (code, output) = Repository.Run(qemu, [build.Executable, "no-such-command"], TimeSpan.FromMinutes(5), chinese);
        Assert.Equal(2, code);
        Assert.Contains("未知命令“no-such-command”。", output, StringComparison.Ordinal);

        (code, output) = Repository.Run(qemu, [build.Executable, "--Ui:Language=fr", "--Log:Directory=" + Path.GetTempPath()], TimeSpan.FromMinutes(5), chinese);
        Assert.Equal(3, code);
        Assert.Contains("配置无效，未启动：", output, StringComparison.Ordinal);
        Assert.Contains("Ui:Language", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_arm64_service_refuses_missing_hardware_instead_of_simulating()
    {
        var qemu = Repository.Which("qemu-aarch64-static") ?? throw new InvalidOperationException("qemu-aarch64-static is not installed (./test.sh installs qemu-user-static)");

        var (code, output) = Repository.Run(
            qemu,
            [build.Executable, "--Device:Backend=RaspberryPi", "--Log:Directory=" + Path.GetTempPath()],
            TimeSpan.FromMinutes(5),
            Emulation);

        // No GPIO chip under emulation: the start ends on the first part the board opens, with the
        // hardware exit code and one fatal line that names it.
        Assert.True(code == 4, $"exit {code}: {output}");
        var fatal = output.Split('\n').SingleOrDefault(l => l.Contains(" FTL ", StringComparison.Ordinal));
        Assert.True(fatal is not null, "no fatal message naming the missing device: " + output);
        Assert.Contains("GPIO", fatal, StringComparison.Ordinal);
        Assert.DoesNotContain("Control loop started", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// systemd stops the service with SIGTERM: the Pi build runs its shutdown sequence, checkpoints
    /// the supplies (a checksummed document, hashed through the system's OpenSSL as on the Pi) and
    /// exits 0, so that the unit does not record a failure.
    /// </summary>
    [Fact]
    public void The_arm64_service_stops_cleanly_on_SIGTERM_and_keeps_its_supplies_checkpoint()
    {
        var qemu = Repository.Which("qemu-aarch64-static") ?? throw new InvalidOperationException("qemu-aarch64-static is not installed (./test.sh installs qemu-user-static)");
        var data = Directory.CreateTempSubdirectory("hydroxy-arm64-stop-");

        // The loop reaches Ready while the host may still be starting: stop a service that runs whole.
        var (ready, hostStarted) = (false, false);
        try
        {
            var (code, output) = Repository.RunUntil(
                qemu,
                [build.Executable, "--urls=http://127.0.0.1:0", "--Log:Directory=" + Path.Combine(data.FullName, "logs"),
                    "--Service:Directory=" + data.FullName, "--Records:Directory=" + data.FullName],
                line => (ready |= line.Contains("→ Ready", StringComparison.Ordinal)) & (hostStarted |= line.Contains("Application started", StringComparison.Ordinal)),
                TimeSpan.FromMinutes(5),
                Emulation);

            Assert.True(code == 0, $"exit {code}: {output}");
            Assert.Contains("Shutdown sequence ended in Off", output, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(data.FullName, "supplies.json")), "no supplies checkpoint after the stop:\n" + output);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_install_script_creates_the_user_directories_unit_and_rules()
    {
        var (code, output) = Repository.Run("bash", [Path.Combine(build.Directory, "install.sh"), "--dry-run", "--enable-interfaces"], TimeSpan.FromMinutes(1));

        Assert.True(code == 0, output);
        Assert.Contains("useradd --system --no-create-home", output, StringComparison.Ordinal);
        Assert.Contains("usermod -a -G gpio,i2c hydroxy", output, StringComparison.Ordinal);
        Assert.Contains("/etc/systemd/system/hydro-oxygen.service", output, StringComparison.Ordinal);
        Assert.Contains("/etc/udev/rules.d/99-hydro-oxygen.rules", output, StringComparison.Ordinal);
        Assert.Contains("hydro-oxygen-watchdog.conf", output, StringComparison.Ordinal);
        Assert.Contains("dtoverlay=pwm-2chan", output, StringComparison.Ordinal);
        Assert.Contains("dtparam=i2c_arm=on", output, StringComparison.Ordinal);
        Assert.Contains("systemctl enable hydro-oxygen", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_install_script_refuses_unknown_options()
    {
        var (code, output) = Repository.Run("bash", [Path.Combine(build.Directory, "install.sh"), "--yes-please"], TimeSpan.FromMinutes(1));

        Assert.Equal(2, code);
        Assert.Contains("unknown option '--yes-please'", output, StringComparison.Ordinal);
    }
}
