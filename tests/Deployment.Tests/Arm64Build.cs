namespace HydroOxygen.Deployment.Tests;

/// <summary>
/// The Raspberry Pi build (linux-arm64, self-contained), published once per test run. test.sh
/// publishes it before the tests and says where through HYDROXY_ARM64_BUILD; run alone, the
/// fixture publishes it itself.
/// </summary>
public sealed class Arm64Build : IDisposable
{
    private readonly string? _ownDirectory;

    public Arm64Build()
    {
        var given = Environment.GetEnvironmentVariable("HYDROXY_ARM64_BUILD");
        if (!string.IsNullOrEmpty(given) && File.Exists(System.IO.Path.Combine(given, "app", "HydroOxygen.Controller")))
        {
            Directory = given;
            return;
        }

        _ownDirectory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "hydroxy-arm64-" + Guid.NewGuid().ToString("N"));
        var (code, output) = Repository.Run("bash", [Repository.Path("deploy", "raspi", "publish.sh"), _ownDirectory], TimeSpan.FromMinutes(10));
        PublishOutput = output;
        PublishExitCode = code;
        Directory = _ownDirectory;
    }

    public string Directory { get; }
    public string PublishOutput { get; } = "";
    public int PublishExitCode { get; }
    public string Executable => System.IO.Path.Combine(Directory, "app", "HydroOxygen.Controller");

    public void Dispose()
    {
        if (_ownDirectory is not null && System.IO.Directory.Exists(_ownDirectory))
        {
            System.IO.Directory.Delete(_ownDirectory, recursive: true);
        }
    }
}
