namespace HydroOxygen.ClosedLoop.Tests.Properties;

/// <summary>
/// Invariant violations that are understood, not yet fixed in the product, and excused only in
/// exactly their circumstances. Each is counted and printed by the property run, never passed over
/// silently; remove the entry when the product is fixed and the property must hold again.
/// </summary>
internal static class KnownFailure
{
    /// <summary>
    /// The shutdown sequence confirms "vented" on the measured pressures. A <c>sensor_drift</c> on
    /// P_bottle or P_out (e.g. −0.013 MPa) while it runs makes it confirm below 0.02 MPa when the true
    /// bottle pressure is still above (0.0246 MPa seen); Off then closes the charge valve and seals
    /// that residue in the bottle. Counterexample (CsCheck_Seed=90CHiIdjMDm1, 1500 cases):
    /// power_on +4.975s; ack_alarms; select_program #5; charge (tap 0.179s); service_enter; wait 13.97s;
    /// power_off; pedal_down; clear_fault sensor_stuck p_src; service_exit;
    /// fault sensor_drift p_bottle −0.013; set_pressure 0.438 +5.478s; … → Off with true P_bottle 0.0246 MPa.
    /// A fix needs the drift detected (manifold and bottle read alike while connected) or a vent margin.
    /// </summary>
    public const string VentConfirmedThroughDriftedSensor = nameof(VentConfirmedThroughDriftedSensor);

    /// <summary>
    /// A <c>SensorFault</c> latched earlier in the session (here after <c>sensor_stuck p_out</c>, since
    /// cleared) and not acknowledged keeps the shutdown from trusting its sensors: the final power-down
    /// times out into Fault with VentFailure (outputs safe, manifold vented, bottle sealed at 0.0286 MPa
    /// true) instead of Off. Counterexample (CsCheck_Seed=3AHGtaINxPB2, 1500 cases): power_on ×2;
    /// set_pressure 0.429; pedal down/up; shutdown; fault vent_stuck_closed; fault inlet_stuck_open;
    /// fault sensor_stuck p_out; clear_fault sensor_drift p_bottle; fault leak bottle 0.075 → power-down.
    /// Whether an unacknowledged but recovered sensor may confirm venting is a design question to settle.
    /// </summary>
    public const string ShutdownDistrustsRecoveredSensor = nameof(ShutdownDistrustsRecoveredSensor);
}
