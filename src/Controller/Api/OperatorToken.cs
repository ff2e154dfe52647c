using System.Security.Cryptography;
using System.Text;

namespace HydroOxygen.Controller.Api;

/// <summary>
/// The operator access token (<c>Api:AccessToken</c>), kept only as its SHA-256 and compared in
/// constant time. A token of 32 or more random characters cannot be guessed, so wrong tries are not
/// rate-limited (a lockout would let anyone on the network lock the technician out).
/// </summary>
public sealed class OperatorToken
{
    private const string Scheme = "Bearer ";
    private readonly byte[]? _digest;

    public OperatorToken(string? token)
    {
        _digest = string.IsNullOrEmpty(token) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(token));
    }

    public bool Configured => _digest is not null;

    /// <summary>An <c>Authorization</c> header value carries the configured token: <c>Bearer &lt;token&gt;</c>.</summary>
    public bool Matches(string? authorization)
    {
        if (_digest is null || authorization is null || !authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var given = SHA256.HashData(Encoding.UTF8.GetBytes(authorization[Scheme.Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(given, _digest);
    }
}
