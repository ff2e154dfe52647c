namespace HydroOxygen.Deployment.Tests;

/// <summary>
/// A package folder as publish.sh makes it — deploy/raspi's files and an app/ with a stand-in
/// executable — so the scripts can be run dry without publishing for arm64.
/// </summary>
internal sealed class StandInPackage : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("hydroxy-package-");

    public StandInPackage()
    {
        foreach (var file in Directory.GetFiles(Repository.Path("deploy", "raspi")))
        {
            File.Copy(file, System.IO.Path.Combine(_directory.FullName, System.IO.Path.GetFileName(file)));
        }

        var app = Directory.CreateDirectory(System.IO.Path.Combine(_directory.FullName, "app"));
        File.Copy("/bin/true", System.IO.Path.Combine(app.FullName, "HydroOxygen.Controller"));
    }

    /// <summary>
    /// Runs one of the package's scripts with <c>--dry-run</c> always first among its options, so
    /// that it prints what it would do and does nothing (these tests may well run as root).
    /// </summary>
    public (int ExitCode, string Output) RunDry(string script, params string[] options) =>
        Repository.Run("bash", [System.IO.Path.Combine(_directory.FullName, script), "--dry-run", .. options], TimeSpan.FromMinutes(1));

    /// <summary>The same, with environment variables (the boot directory install.sh edits, say).</summary>
    public (int ExitCode, string Output) RunDry(IDictionary<string, string> environment, string script, params string[] options) =>
        Repository.Run("bash", [System.IO.Path.Combine(_directory.FullName, script), "--dry-run", .. options], TimeSpan.FromMinutes(1), environment);

    /// <summary>A file of the package, by its name.</summary>
    public string PathOf(string name) => System.IO.Path.Combine(_directory.FullName, name);

    /// <summary>The commands a dry run printed, without their "+ " prefix.</summary>
    public static string[] Commands(string output) =>
        output.Split('\n').Where(l => l.StartsWith("+ ", StringComparison.Ordinal)).Select(l => l[2..].Trim()).ToArray();

    public void Dispose() => _directory.Delete(recursive: true);
}
