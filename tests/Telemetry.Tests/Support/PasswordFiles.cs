using System.Diagnostics;

namespace HydroOxygen.Telemetry.Tests.Support;

/// <summary>The broker's password file (mosquitto_passwd) and the device's own, with the modes the test wants.</summary>
internal static class PasswordFiles
{
    public static string ForBroker(string path, string user, string password)
    {
        using var process = Process.Start("mosquitto_passwd", ["-b", "-c", path, user, password]);
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("mosquitto_passwd failed (./test.sh installs the mosquitto package)");
        }

        return path;
    }

    public static string ForDevice(string path, string password, UnixFileMode mode)
    {
        File.WriteAllText(path, password + "\n");
        File.SetUnixFileMode(path, mode);
        return path;
    }
}
