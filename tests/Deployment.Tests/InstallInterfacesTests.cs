namespace HydroOxygen.Deployment.Tests;

/// <summary>install.sh --enable-interfaces, run dry: the config.txt lines the README promises.</summary>
public sealed class InstallInterfacesTests : IDisposable
{
    private readonly StandInPackage _package = new();

    [Fact]
    public void Enabling_the_interfaces_turns_on_i2c_at_400_kHz_and_the_pwm_overlay_and_asks_for_a_reboot()
    {
        var (code, output) = _package.RunDry("install.sh", "--enable-interfaces");

        Assert.True(code == 0, output);
        var commands = StandInPackage.Commands(output);
        Assert.Contains(commands, c => c.Contains("echo 'dtparam=i2c_arm=on' >>", StringComparison.Ordinal));
        Assert.Contains(commands, c => c.Contains("echo 'dtparam=i2c_arm_baudrate=400000' >>", StringComparison.Ordinal));
        Assert.Contains(commands, c => c.Contains("echo 'dtoverlay=pwm-2chan' >>", StringComparison.Ordinal));
        Assert.Contains("reboot the Pi", output, StringComparison.Ordinal);
        Assert.DoesNotContain("systemctl start hydro-oxygen", commands);
    }

    [Fact]
    public void Without_the_option_config_txt_is_not_touched()
    {
        var (code, output) = _package.RunDry("install.sh");

        Assert.True(code == 0, output);
        Assert.DoesNotContain(StandInPackage.Commands(output), c => c.Contains("config.txt", StringComparison.Ordinal));
    }

    public void Dispose() => _package.Dispose();
}
