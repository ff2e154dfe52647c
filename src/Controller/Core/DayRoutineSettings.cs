using HydroOxygen.Hal;

namespace HydroOxygen.Controller.Core;

/// <summary>
/// The start-of-day check and the end-of-day purge (DESIGN §2.8): how long each step may take and
/// what counts as a pass. Bound from <c>Controller:DayRoutines</c>.
/// </summary>
public sealed record DayRoutineSettings : ISettingsSection
{
    /// <summary>The manifold must reach the setpoint on a source above it within this time, s.</summary>
    public double SupplyWithinS { get; init; } = 15.0;

    /// <summary>The source must stay above the setpoint plus the regulation margin this long, s.</summary>
    public double SupplyHoldS { get; init; } = 0.5;

    /// <summary>A charge from a vented bottle must be done within this time, s (the guide: about 3 s).</summary>
    public double ChargeWithinS { get; init; } = 8.0;

    /// <summary>A spray is judged only after it has run this long (the pressure dip at its start), s.</summary>
    public double NozzleSettleS { get; init; } = 0.5;

    /// <summary>Spray time (pedal held) over which the nozzle's flow is averaged, s.</summary>
    public double NozzleSampleS { get; init; } = 1.5;

    /// <summary>The nozzle passes when its measured flow is at least this share of its model's, at the pressure it sprays at.</summary>
    public double NozzleMinFlowFraction { get; init; } = 0.7;

    /// <summary>A step that needs the foot switch gives up when it is not held within this time, s.</summary>
    public double PedalWaitS { get; init; } = 120.0;

    /// <summary>The purge fails when the lines are not vented after this much venting (pedal held), s.</summary>
    public double PurgeVentS { get; init; } = 30.0;

    /// <summary>Both pressures must stay below the shutdown's vented limit this long to end the purge, s.</summary>
    public double PurgeConfirmS { get; init; } = 0.5;

    public void Validate(SettingsErrors errors)
    {
        errors.Range(SupplyWithinS, 1, 60, nameof(SupplyWithinS));
        errors.Range(SupplyHoldS, 0, 5, nameof(SupplyHoldS));
        errors.Range(ChargeWithinS, 0.5, 60, nameof(ChargeWithinS));
        errors.Range(NozzleSettleS, 0, 5, nameof(NozzleSettleS));
        errors.Range(NozzleSampleS, 0.2, 10, nameof(NozzleSampleS));
        errors.Range(NozzleMinFlowFraction, 0.1, 1, nameof(NozzleMinFlowFraction));
        errors.Range(PedalWaitS, 5, 600, nameof(PedalWaitS));
        errors.Range(PurgeVentS, 2, 300, nameof(PurgeVentS));
        errors.Range(PurgeConfirmS, 0, 5, nameof(PurgeConfirmS));
    }
}
