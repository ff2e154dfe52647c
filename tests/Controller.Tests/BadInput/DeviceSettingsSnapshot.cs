using System.Text.Json;

namespace HydroOxygen.Controller.Tests.BadInput;

/// <summary>
/// What an operator request could change, read from <c>GET /api/status</c>: compared before and
/// after a refused request to show that nothing was changed.
/// </summary>
internal readonly record struct DeviceSettingsSnapshot(string? State, string? Program, string? GasSource, double SetpointMpa, int Alarms)
{
    public static DeviceSettingsSnapshot Of(JsonElement status) => new(
        status.GetProperty("state").GetString(),
        status.GetProperty("program").GetString(),
        status.GetProperty("gasSource").GetString(),
        status.GetProperty("setpointMpa").GetDouble(),
        status.GetProperty("alarms").GetArrayLength());
}
