namespace HydroOxygen.Deployment.Tests;

/// <summary>The shell scripts a user runs pass shellcheck.</summary>
public sealed class ShellScriptTests
{
    public static TheoryData<string> Scripts() =>
        ["deploy/raspi/publish.sh", "deploy/raspi/install.sh", "deploy/raspi/uninstall.sh", "deploy/raspi/kiosk.sh", "test.sh", ".ci/run"];

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Passes_shellcheck(string script)
    {
        var shellcheck = Repository.Which("shellcheck") ?? throw new InvalidOperationException("shellcheck is not installed (./test.sh installs it)");

        var (code, output) = Repository.Run(shellcheck, ["--shell=bash", Repository.Path(script.Split('/'))], TimeSpan.FromMinutes(1));

        Assert.True(code == 0, output);
    }
}
