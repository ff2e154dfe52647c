using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace HydroOxygen.Telemetry.Tests.Support;

/// <summary>
/// A certificate authority, a broker certificate for <c>localhost</c> only, a device's client
/// certificate and a second, unrelated CA, made by the test as PEM files (nothing shipped).
/// </summary>
internal sealed class TestCertificates
{
    private TestCertificates(string directory) => Directory = directory;

    public string Directory { get; }
    public string CaFile => Path.Combine(Directory, "ca.pem");
    public string OtherCaFile => Path.Combine(Directory, "other-ca.pem");
    public string ServerCertificateFile => Path.Combine(Directory, "server.pem");
    public string ServerKeyFile => Path.Combine(Directory, "server.key");
    public string ClientCertificateFile => Path.Combine(Directory, "client.pem");
    public string ClientKeyFile => Path.Combine(Directory, "client.key");

    public static TestCertificates Create(string directory)
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var ca = Authority("CN=hydroxy test CA", caKey, now);
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = Authority("CN=someone else's CA", otherKey, now);

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var server = new CertificateRequest("CN=localhost", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        server.CertificateExtensions.Add(names.Build());
        server.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var serverCertificate = server.Create(ca, now.AddMinutes(-5), now.AddDays(1), [1, 2, 3, 4]);

        using var clientKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var client = new CertificateRequest("CN=dev-tls", clientKey, HashAlgorithmName.SHA256);
        client.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var clientCertificate = client.Create(ca, now.AddMinutes(-5), now.AddDays(1), [5, 6, 7, 8]);

        var set = new TestCertificates(directory);
        File.WriteAllText(set.CaFile, ca.ExportCertificatePem());
        File.WriteAllText(set.OtherCaFile, other.ExportCertificatePem());
        File.WriteAllText(set.ServerCertificateFile, serverCertificate.ExportCertificatePem());
        File.WriteAllText(set.ServerKeyFile, serverKey.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(set.ClientCertificateFile, clientCertificate.ExportCertificatePem());
        File.WriteAllText(set.ClientKeyFile, clientKey.ExportPkcs8PrivateKeyPem());
        return set;
    }

    /// <summary>The listener settings of a broker that wants TLS, a client certificate from the CA, and a password.</summary>
    public string BrokerListener(string passwordFile) => $"""
        cafile {CaFile}
        certfile {ServerCertificateFile}
        keyfile {ServerKeyFile}
        require_certificate true
        allow_anonymous false
        password_file {passwordFile}
        """;

    private static X509Certificate2 Authority(string name, ECDsa key, DateTimeOffset now)
    {
        var request = new CertificateRequest(name, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(now.AddMinutes(-10), now.AddDays(2));
    }
}
