namespace HydroOxygen.Telemetry.Tests.Support;

/// <summary>
/// Tests that start the real controller (and brokers): one at a time, not beside each other, on a
/// shared 2-core machine where a starved real-time loop would fail them for the wrong reason.
/// </summary>
[CollectionDefinition(nameof(Processes), DisableParallelization = true)]
public sealed class Processes;

/// <summary>The controller's command line for publishing to a broker, with short keep-alive and back-off for tests.</summary>
internal static class TelemetryArgs
{
    public static string[] For(string broker, string deviceId, string site = "salon-a", params string[] more) =>
    [
        "--Telemetry:Enabled=true",
        "--Telemetry:Broker=" + broker,
        "--Telemetry:Site=" + site,
        "--Telemetry:DeviceId=" + deviceId,
        "--Telemetry:SampleIntervalS=0.5",
        "--Telemetry:KeepAliveS=2",
        "--Telemetry:ReconnectMinS=0.2",
        "--Telemetry:ReconnectMaxS=2",
        .. more,
    ];
}
