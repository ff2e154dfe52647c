using System.Globalization;

namespace HydroOxygen.Controller.Telemetry;

/// <summary>A broker's address: <c>mqtt://host[:port]</c> or <c>mqtts://host[:port]</c> (TLS).</summary>
public readonly record struct BrokerAddress(string Host, int Port, bool Tls)
{
    public const int DefaultPort = 1883;
    public const int DefaultTlsPort = 8883;

    public static bool TryParse(string? text, out BrokerAddress address, out string problem)
    {
        address = default;
        problem = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = "must be mqtt://host:port or mqtts://host:port, was empty";
            return false;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("mqtt" or "mqtts"))
        {
            problem = $"must be mqtt://host:port or mqtts://host:port (TLS), was '{text}'";
            return false;
        }

        if (uri.Host.Length == 0 || uri.AbsolutePath is not ("" or "/") || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            problem = $"must be only a scheme, a host and a port (credentials go in Username/PasswordFile), was '{text}'";
            return false;
        }

        var tls = uri.Scheme == "mqtts";
        var port = uri.IsDefaultPort || uri.Port < 0 ? (tls ? DefaultTlsPort : DefaultPort) : uri.Port;
        if (port is < 1 or > 65535)
        {
            problem = $"port must be within 1–65535, was {port.ToString(CultureInfo.InvariantCulture)}";
            return false;
        }

        address = new BrokerAddress(uri.IdnHost, port, tls);
        return true;
    }

    public static BrokerAddress Parse(string text) =>
        TryParse(text, out var address, out var problem) ? address : throw new FormatException(problem);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{(Tls ? "mqtts" : "mqtt")}://{Host}:{Port}");
}
