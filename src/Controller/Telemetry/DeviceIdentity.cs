using System.Security.Cryptography;
using System.Text;

namespace HydroOxygen.Controller.Telemetry;

/// <summary>
/// The device's name in topics when the configuration gives none: a stable id of the machine.
/// systemd's machine id is hashed with an application key (machine-id(5) asks that it never be
/// exposed raw), so the id is stable across reinstalls and reboots but says nothing of the machine.
/// </summary>
public static class DeviceIdentity
{
    public static readonly string[] MachineIdFiles = ["/etc/machine-id", "/var/lib/dbus/machine-id"];
    private const string ApplicationKey = "hydroxy-device-id-v1";
    private const string Prefix = "hx-";

    /// <summary>The configured id, else one derived from the machine id, else one kept in <paramref name="dataDirectory"/>.</summary>
    public static string Resolve(string? configured, string dataDirectory) =>
        !string.IsNullOrEmpty(configured) ? configured : FromMachine(MachineIdFiles) ?? Persisted(dataDirectory);

    /// <summary>The hashed machine id from the first readable file, or null when there is none.</summary>
    public static string? FromMachine(IEnumerable<string> files)
    {
        foreach (var file in files)
        {
            try
            {
                var id = File.ReadAllText(file).Trim();
                if (id.Length > 0)
                {
                    return Hash(id);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The next candidate.
            }
        }

        return null;
    }

    public static string Hash(string machineId)
    {
        var digest = HMACSHA256.HashData(Encoding.UTF8.GetBytes(ApplicationKey), Encoding.UTF8.GetBytes(machineId));
        return Prefix + Convert.ToHexStringLower(digest.AsSpan(0, 8));
    }

    /// <summary>A machine without a machine id (a container): a random id, made once and kept beside the records.</summary>
    private static string Persisted(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, "device-id");
        try
        {
            var kept = File.ReadAllText(path).Trim();
            if (kept.Length > 0)
            {
                return kept;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Not made yet.
        }

        var id = Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        try
        {
            Directory.CreateDirectory(dataDirectory);
            File.WriteAllText(path, id + "\n");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Then it changes with each start; the log says which id is used.
        }

        return id;
    }
}
