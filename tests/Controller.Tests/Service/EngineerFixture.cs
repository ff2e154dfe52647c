using System.Net.Http.Headers;
using System.Text;
using HydroOxygen.Controller.Service;
using HydroOxygen.Controller.Tests.Api;

namespace HydroOxygen.Controller.Tests.Service;

/// <summary>The service engineer the API tests sign in as: one credential, its hash, the options that accept it.</summary>
internal static class EngineerFixture
{
    public const string Credential = "correct horse battery";

    /// <summary>Hashed once: the hash is deliberately slow.</summary>
    public static string CredentialHash { get; } = EngineerCredential.Hash(Credential);

    /// <summary>Service options accepting <see cref="Credential"/>, with the nominal calibration allowed and the tests' virtual lease.</summary>
    public static ServiceOptions Options(double leaseS = ApiHarness.VirtualLeaseS) => new()
    {
        EngineerCredentialHash = CredentialHash,
        AllowNominalCalibrationWhenMissing = true,
        LeaseS = leaseS,
    };

    public static AuthenticationHeaderValue Basic(string name, string secret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{name}:{secret}")));

    /// <summary>The engineer signing in with the right credential.</summary>
    public static AuthenticationHeaderValue SignedIn(string name = "alice") => Basic(name, Credential);
}
