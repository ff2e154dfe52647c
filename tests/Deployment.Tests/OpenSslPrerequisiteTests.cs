namespace HydroOxygen.Deployment.Tests;

/// <summary>
/// The runtime hashes the checksummed documents through the system's OpenSSL and aborts without it,
/// so install.sh installs libssl 3 on an image that lacks it, and leaves one that has it alone.
/// </summary>
public sealed class OpenSslPrerequisiteTests : IDisposable
{
    private readonly StandInPackage _package = new();
    private readonly DirectoryInfo _tools = Directory.CreateTempSubdirectory("hydroxy-tools-");

    [Fact]
    public void An_image_without_libssl_gets_it_installed()
    {
        var commands = StandInPackage.Commands(DryRunWithLinkerCache("").Output);

        Assert.Contains(commands, c => c is "apt-get install -y --no-install-recommends libssl3" or "apt-get install -y --no-install-recommends libssl3t64");
    }

    [Fact]
    public void An_image_with_libssl_is_left_alone()
    {
        var commands = StandInPackage.Commands(DryRunWithLinkerCache("\tlibssl.so.3 (libc6,AArch64) => /lib/aarch64-linux-gnu/libssl.so.3").Output);

        Assert.DoesNotContain(commands, c => c.Contains("libssl", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        _package.Dispose();
        _tools.Delete(recursive: true);
    }

    /// <summary>A dry run with an <c>ldconfig</c> on PATH whose cache lists only <paramref name="entry"/>.</summary>
    private (int ExitCode, string Output) DryRunWithLinkerCache(string entry)
    {
        var ldconfig = Path.Combine(_tools.FullName, "ldconfig");
        File.WriteAllText(ldconfig, $"#!/bin/sh\necho '{entry}'\n");
        Assert.Equal(0, Repository.Run("chmod", ["+x", ldconfig], TimeSpan.FromMinutes(1)).ExitCode);
        var path = _tools.FullName + ":" + Environment.GetEnvironmentVariable("PATH");
        var run = _package.RunDry(new Dictionary<string, string> { ["PATH"] = path }, "install.sh", "--no-kiosk");
        Assert.True(run.ExitCode == 0, run.Output);
        return run;
    }
}
