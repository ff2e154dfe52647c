namespace HydroOxygen.Controller.Telemetry;

/// <summary>How to prove who we are to a broker and check who it is (device and engineers' tools alike).</summary>
/// <param name="CaFile">PEM of the CA that signed the broker's certificate; null: the system trust store.</param>
/// <param name="ClientCertificateFile">PEM client certificate (optional).</param>
/// <param name="ClientKeyFile">PEM private key of the client certificate, when not inside it.</param>
/// <param name="PasswordFile">File whose first line is the password; must be readable by its owner only.</param>
public sealed record BrokerCredentials(
    string? CaFile = null,
    string? ClientCertificateFile = null,
    string? ClientKeyFile = null,
    string? Username = null,
    string? Password = null,
    string? PasswordFile = null)
{
    public static BrokerCredentials From(TelemetryOptions options) => new(
        Empty(options.CaFile),
        Empty(options.ClientCertificateFile),
        Empty(options.ClientKeyFile),
        Empty(options.Username),
        Empty(options.Password),
        Empty(options.PasswordFile));

    private static string? Empty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
