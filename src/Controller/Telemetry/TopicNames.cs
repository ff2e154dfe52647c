namespace HydroOxygen.Controller.Telemetry;

/// <summary>The device's topics, <c>{TopicRoot}/{Site}/{DeviceId}/…</c> (DESIGN §3.6).</summary>
public sealed record TopicNames(string Root, string Site, string DeviceId)
{
    public const string StatusLevel = "status";
    public const string TelemetryLevel = "telemetry";
    public const string EventsLevel = "events";
    public const string SessionsLevel = "sessions";
    public const string MaintenanceLevel = "maintenance";

    /// <summary>The one level the device subscribes to: collectors name the ids they committed (<see cref="CollectorAck"/>). It only releases outbox rows.</summary>
    public const string AcksLevel = "acks";

    public string Status => Topic(StatusLevel);
    public string Telemetry => Topic(TelemetryLevel);
    public string Events => Topic(EventsLevel);
    public string Sessions => Topic(SessionsLevel);
    public string Maintenance => Topic(MaintenanceLevel);
    public string Acks => Topic(AcksLevel);

    public string Topic(string level) => $"{Root}/{Site}/{DeviceId}/{level}";

    /// <summary>The filter for one level of every device under a root, e.g. <c>hydroxy/+/+/status</c>.</summary>
    public static string EveryDevice(string root, string level) => $"{root}/+/+/{level}";

    /// <summary>Splits <c>root/site/device/level</c>; false for anything else.</summary>
    public static bool TryParse(string topic, out string site, out string deviceId, out string level)
    {
        var parts = topic.Split('/');
        if (parts.Length == 4 && parts[1].Length > 0 && parts[2].Length > 0)
        {
            (site, deviceId, level) = (parts[1], parts[2], parts[3]);
            return true;
        }

        (site, deviceId, level) = ("", "", "");
        return false;
    }
}
