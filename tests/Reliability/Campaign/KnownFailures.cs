using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Simulation;

namespace HydroOxygen.Reliability.Campaign;

/// <summary>
/// Rows that fail for a reason not fixed yet, each named with the reason. The table still shows them
/// failing; only the CI assertion leaves them out — and fails if one of them starts passing, so that
/// the list cannot outlive the bug.
/// </summary>
public static class KnownFailures
{
    public sealed record Entry(string CaseName, DeviceState State, SimulatedBackend? Backend, string Reason);

    public static IReadOnlyList<Entry> All { get; } =
    [
        new("vent_stuck_closed", DeviceState.Spraying, null, "the setpoint lowered while spraying with the vent stuck shut raises NozzleBlocked: a wrong diagnosis (the nozzle is fine), spraying stops; cause not investigated"),
        new("sensor_drift p_src -0.15 MPa", DeviceState.Pressurizing, null, "injected as Pressurizing starts, the step lands while the source line is still priming behind the just-opened source valve, where P_src may really move at up to ~31 MPa/s and the source line's high slew limit (120 MPa/s, SourcePrimeWindowS 0.2 s) applies; after that a 0.15 MPa low reading is steady and plausible (SupplyLow, then OverPressure at a spray start from the feed-forward computed on it). Not detectable by slew"),
        new("sensor_drift p_src -0.15 MPa", DeviceState.Charging, SimulatedBackend.Drivers, "drivers backend only: P_src is converted every 4 ms on the multiplexed converter, so the 0.15 MPa step reads as 37.5 MPa/s, under the ordinary 40 MPa/s limit that now applies once the source line is primed (models backend: flagged). The steady source line moves at most ~7.5 MPa/s in every scenario, so a source-specific steady limit could catch it; not done"),
        new("sensor_drift p_src -0.15 MPa", DeviceState.Ready, SimulatedBackend.Drivers, "drivers backend only: P_src is converted every 4 ms on the multiplexed converter, so the 0.15 MPa step reads as 37.5 MPa/s, under the ordinary 40 MPa/s limit that now applies once the source line is primed (models backend: flagged). The steady source line moves at most ~7.5 MPa/s in every scenario, so a source-specific steady limit could catch it; not done"),
        new("sensor_drift p_src -0.15 MPa", DeviceState.Spraying, SimulatedBackend.Drivers, "drivers backend only: P_src is converted every 4 ms on the multiplexed converter, so the 0.15 MPa step reads as 37.5 MPa/s, under the ordinary 40 MPa/s limit that now applies once the source line is primed (models backend: flagged). The steady source line moves at most ~7.5 MPa/s in every scenario, so a source-specific steady limit could catch it; not done"),
        new("sensor_drift p_src -0.15 MPa", DeviceState.ShuttingDown, null, "models: the step is flagged (SensorFault) but P_src plays no part in confirming the vent (P_out and P_bottle do), the alarm clears on the next plausible sample and the shutdown completes to Off rather than VentFailure; drivers: not flagged at all (4 ms conversions, 37.5 MPa/s under the 40 MPa/s limit)"),
        new("sensor_drift p_bottle -0.15 MPa", DeviceState.Charging, SimulatedBackend.Drivers, "drivers backend only: the P_bottle step of -0.15 MPa on the multiplexed converter arrives between conversions slowly enough to pass the slew check, so no SensorFault; not investigated"),
        new("sensor_drift p_bottle -0.15 MPa", DeviceState.Ready, SimulatedBackend.Drivers, "drivers backend only: the P_bottle step of -0.15 MPa on the multiplexed converter arrives between conversions slowly enough to pass the slew check, so no SensorFault; not investigated"),
        new("sensor_drift p_bottle -0.15 MPa", DeviceState.Spraying, SimulatedBackend.Drivers, "drivers backend only: the P_bottle step of -0.15 MPa on the multiplexed converter arrives between conversions slowly enough to pass the slew check, so no SensorFault; not investigated"),
        new("sensor_drift p_bottle -0.15 MPa", DeviceState.ShuttingDown, SimulatedBackend.Drivers, "drivers backend only: the P_bottle step of -0.15 MPa on the multiplexed converter arrives between conversions slowly enough to pass the slew check, so no SensorFault; not investigated"),
    ];

    public static Entry? Find(FaultCase fault, DeviceState state, SimulatedBackend backend)
    {
        ArgumentNullException.ThrowIfNull(fault);
        return All.FirstOrDefault(e => e.CaseName == fault.Name && e.State == state && (e.Backend is null || e.Backend == backend));
    }
}
