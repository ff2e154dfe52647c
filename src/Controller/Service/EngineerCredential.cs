using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace HydroOxygen.Controller.Service;

/// <summary>
/// The engineer credential, stored only as a salted PBKDF2-SHA256 hash ("pbkdf2-sha256$iterations$salt$hash",
/// base64). Verification takes constant time in the compared bytes.
/// </summary>
public static class EngineerCredential
{
    private const string Scheme = "pbkdf2-sha256";
    private const int Iterations = 210_000;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public static string Hash(string credential)
    {
        ArgumentException.ThrowIfNullOrEmpty(credential);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(credential), salt, Iterations, HashAlgorithmName.SHA256, HashBytes);
        return string.Join('$', Scheme, Iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    public static bool IsWellFormed(string stored) => TryParse(stored, out _, out _, out _);

    public static bool Verify(string? credential, string? stored)
    {
        if (string.IsNullOrEmpty(credential) || stored is null || !TryParse(stored, out var iterations, out var salt, out var expected))
        {
            return false;
        }

        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(credential), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static bool TryParse(string stored, out int iterations, out byte[] salt, out byte[] hash)
    {
        iterations = 0;
        salt = [];
        hash = [];
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out iterations) || iterations < 10_000)
        {
            return false;
        }

        try
        {
            salt = Convert.FromBase64String(parts[2]);
            hash = Convert.FromBase64String(parts[3]);
            return salt.Length >= 8 && hash.Length >= 16;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
