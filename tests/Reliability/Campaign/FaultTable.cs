using HydroOxygen.Controller.Core;
using HydroOxygen.Simulator.Plant;
using static HydroOxygen.Controller.Core.AlarmCode;
using static HydroOxygen.Reliability.Campaign.Expectation;

namespace HydroOxygen.Reliability.Campaign;

/// <summary>
/// THE table of the campaign: every fault of DESIGN §3.1 (each sensor fault on each pressure
/// channel, leaks in the manifold and the bottle, each converter), and for each state it is injected
/// in, the alarm it must raise, what the device must do, and by when. Priorities are not repeated
/// here: they come from <see cref="AlarmCatalog.PriorityOf"/>.
/// </summary>
/// <remarks>
/// <para>The bounds come from the settings the reaction depends on (ControllerSettings defaults),
/// with a margin for the plant to get there, and agree with scenarios/faults/*.yaml:</para>
/// <list type="bullet">
/// <item>sensor out of band / converter silent: 2 samples (SensorFaultSamples) → 0.05 s;</item>
/// <item>sensor frozen: SensorFrozenAfterS 0.5 s → 0.7 s; an impossible slew: the first sample → 0.05 s;</item>
/// <item>over-pressure: the runaway detector (RunawayMarginMpa, RunawayRiseMpaPerS) or 3 samples over the trip → 0.3 s;</item>
/// <item>loop stall: the first tick after it → stall + 0.02 s;</item>
/// <item>uncommanded flow: judged in Ready, UncommandedFlowAfterS 0.5 s → 1 s once Ready;</item>
/// <item>nozzle: SprayDemandCheckDelay 0.3 s + NozzleBlockedAfterS 0.5 s → 1 s of spraying;</item>
/// <item>liquid: LiquidEmptyAfterS 0.5 s → 1 s; under-pressure: UnderPressureAfterS 1.5 s after the drop;</item>
/// <item>supply: SupplyLostAfterS 2 s after the source line falls below setpoint + margin;</item>
/// <item>compressor: CompressorStartCheckS 3 s after the motor is asked to run;</item>
/// <item>bottle: ChargeTimeoutS 12 s from the start of charging; spray time-out: SprayTimeLimitS 120 s of continuous spray;</item>
/// <item>shutdown: venting takes a few seconds and is confirmed once both readings are below 0.02 MPa and
/// have stopped falling (a drifted transducer must not confirm early), about 1.5 s more than the bare
/// limit (bound 9.5 s); one that cannot be confirmed ends at ShutdownTimeoutS 30 s → 31 s.</item>
/// </list>
/// <para>The technician's actions after the fault are <see cref="FaultRun"/>'s: a 4 s burst 5 s after the
/// fault when not already spraying, a release 4 s after the fault when spraying.</para>
/// </remarks>
public static class FaultTable
{
    private const double SensorBadS = 0.05;
    private const double SensorFrozenS = 0.7;
    private const double TripS = 0.3;
    private const double VentedS = 9.5;
    private const double VentFailureS = 31.0;

    /// <summary>Spraying starts after the burst's debounce, so a fault that shows only in spraying shows from here (s after the fault).</summary>
    private const double BurstS = FaultRun.BurstAtS;

    /// <summary>The ending's usual outcome (issue 12: from Fault too, where the device has faulted; SIGTERM asks the same shutdown).</summary>
    private const string EndsVented = "DESIGN §2.5 every ending vents manifold and bottle: switch off or the shutdown asked for (also from Fault) → Off, vented";

    /// <summary>An outlet that may be the spray valve: the bottle is not vented through it.</summary>
    private const string EndsSealed = "DESIGN §2.5 dead-man rule: the bottle is not vented through an outlet that may be a stuck spray valve; the manifold is vented, the bottle left sealed and reported as under pressure";

    /// <summary>An ending that finds the manifold empty and cannot fill it for the outlet hold.</summary>
    private const string EndsSealedUnproven = "the ending finds the manifold empty and no gas to fill it for the outlet hold, so nothing proves the spray valve shut: " + EndsSealed;

    public static IReadOnlyList<FaultCase> All { get; } = Build();

    private static List<FaultCase> Build()
    {
        var table = new List<FaultCase>();

        // ---- valves ----------------------------------------------------------------------------
        var trip = Faults(OverPressure, TripS, "DESIGN §2.5 over-pressure: trip before the relief valve; scenario inlet_stuck_open");
        var shutNoGas = Off(VentedS, "the source valves are already shut: the stuck inlet has no gas to pass");
        table.Add(Case(new(FaultKind.InletStuckOpen),
            powerOn: Faults(OverPressure, 2.0, "the self-test runs with the sources shut; the first Pressurizing runs away and trips"),
            pressurizing: trip, charging: trip, ready: trip, spraying: trip, shuttingDown: shutNoGas));
        table.Add(Case(new(FaultKind.InletStuckOpen), setpoint: 0.60,
            powerOn: Faults(OverPressure, 2.0, "worst case: regulating at the top of the range, 50 kPa below the trip"),
            pressurizing: trip, charging: trip, ready: trip, spraying: trip, shuttingDown: shutNoGas));

        var starved = "a loss of function, not a hazard: UnderPressure after 1.5 s below setpoint − 0.05; scenario inlet_stuck_closed";
        table.Add(Case(new(FaultKind.InletStuckClosed),
            powerOn: Continues(UnderPressure, 11.0, "Pressurizing cannot reach the setpoint: PressurizeTimeoutS 10 s"),
            pressurizing: Continues(UnderPressure, 10.5, "Pressurizing cannot reach the setpoint: PressurizeTimeoutS 10 s"),
            charging: Continues(UnderPressure, 3.0, starved, BottleNotCharging),
            ready: Continues(UnderPressure, BurstS + 3.0, "at rest nothing draws; the burst shows it: " + starved, BottleNotCharging),
            spraying: Continues(UnderPressure, 3.0, starved, BottleNotCharging),
            shuttingDown: Off(VentedS, "the inlet is shut during the shutdown anyway"),
            ending: OffBottleSealed(VentedS, "the manifold is empty at the ending and the stuck inlet cannot refill it; " + EndsSealedUnproven),
            programChange: Continues(UnderPressure, 11.2, "the bottle (topped off to within ChargeTopOffWithinMpa) is vented down to the eye ceiling with the manifold (~0.75 s from 0.44 MPa), and the refill that follows (Pressurizing) cannot come: UnderPressure at PressurizeTimeoutS 10 s", BottleNotCharging)));

        // The vent shows only when gas must go out: the technician turns the setpoint down 1 s after.
        var heldAbove = Faults(OverPressure, 4.0, "setpoint lowered, manifold cannot vent: held AboveReferenceMpa for AboveReferenceAfterS 2 s");
        table.Add(Case(new(FaultKind.VentStuckClosed), lowerTo: 0.30,
            powerOn: Continues(null, 1.0, "latent: the setpoint is lowered while the bottle still charges, and the charging bottle takes the manifold's excess; the vent is never needed, so nothing can show it before the shutdown (row ShuttingDown)"),
            pressurizing: Continues(null, 1.0, "latent: the setpoint is lowered while the bottle still charges, and the charging bottle takes the manifold's excess; the vent is never needed, so nothing can show it before the shutdown (row ShuttingDown)"),
            charging: heldAbove, ready: heldAbove,
            spraying: Continues(null, 1.0, "the nozzle's own draw brings the manifold down to the lowered setpoint"),
            shuttingDown: Faults(VentFailure, VentFailureS, "cannot vent: VentFailure at ShutdownTimeoutS 30 s; scenario vent_stuck_closed"),
            programChange: Faults(VentFailure, 1.5, "the eye program needs the bottle vented down; the vent is tried on the manifold alone first and does not open within 0.3 s → VentFailure, the bottle never joined to the manifold", OverPressure),
            ending: Faults(VentFailure, VentFailureS, "cannot vent: VentFailure at ShutdownTimeoutS 30 s, bottle reported as under pressure", OverPressure)));

        var uncommanded = "gas leaving with the pedal up defeats the dead-man switch: UncommandedFlow (judged with the spray valve shut in Pressurizing, Ready and Charging) → Fault; scenario spray_stuck_open";
        table.Add(Case(new(FaultKind.SprayStuckOpen),
            powerOn: Faults(UncommandedFlow, 8.0, uncommanded + "; once the fill has brought the manifold up to its reference"),
            pressurizing: Faults(UncommandedFlow, 6.0, uncommanded + "; once the fill has brought the manifold up to its reference"),
            charging: Faults(UncommandedFlow, 5.0, uncommanded + "; Ready when the bottle is charged"),
            ready: Faults(UncommandedFlow, 1.0, uncommanded),
            spraying: Faults(UncommandedFlow, FaultRun.ReleaseAtS + 1.0, uncommanded + "; Ready once the pedal is released"),
            shuttingDown: OffBottleSealed(VentedS, "the hold at the start of the shutdown (every valve shut) sees the manifold lose gas: the bottle is not vented through the stuck valve; " + EndsSealed),
            programChange: Faults(UncommandedFlow, 1.5, uncommanded + "; the vent-down's hold (every valve shut) sees the manifold lose gas first, so the bottle is never vented through the stuck valve"),
            ending: OffBottleSealed(VentedS, "UncommandedFlow made the spray valve suspect: " + EndsSealed)));

        // ---- sensors, on each channel -------------------------------------------------------------
        foreach (var target in new[] { FaultTarget.POut, FaultTarget.PBottle, FaultTarget.PSrc })
        {
            var frozen = Faults(SensorFault, SensorFrozenS, "DESIGN §2.5 stuck sensor: the same code for SensorFrozenAfterS 0.5 s; scenario sensor_stuck");
            table.Add(Case(new(FaultKind.SensorStuck, target),
                powerOn: frozen, pressurizing: frozen, charging: frozen, ready: frozen, spraying: frozen,
                shuttingDown: UnconfirmedShutdown(target, SensorFrozenS), ending: UnconfirmedEnding(target)));

            var open = Faults(SensorFault, SensorBadS, "DESIGN §2.5 out of the 0.5–4.5 V band: 2 samples; scenario sensor_disconnected");
            table.Add(Case(new(FaultKind.SensorDisconnected, target),
                powerOn: open, pressurizing: open, charging: open, ready: open, spraying: open,
                shuttingDown: UnconfirmedShutdown(target, SensorBadS), ending: UnconfirmedEnding(target)));

            var slew = Faults(SensorFault, SensorBadS, "DESIGN §2.5 impossible slew (a 0.15 MPa step in a millisecond); scenario sensor_drift");
            table.Add(Case(new(FaultKind.SensorDrift, target, -0.15),
                powerOn: Faults(SensorFault, SensorBadS, "reads below zero at power-on: out of band"),
                pressurizing: slew, charging: slew, ready: slew, spraying: slew,
                shuttingDown: UnconfirmedShutdown(target, SensorBadS), ending: UnconfirmedEnding(target)));
        }

        // A small drift moves no faster than gas does: nothing can tell it from a real change until the
        // next self-test checks the zero. The device regulates on the wrong reading, safely (20 kPa).
        var subtle = Continues(null, 1.0, "undetectable until the next self-test (zero tolerance 15 kPa); regulates 20 kPa high") with { StillSprays = true };
        table.Add(Case(new(FaultKind.SensorDrift, FaultTarget.POut, -0.02),
            powerOn: Faults(CalibrationInvalid, 2.0, "the self-test's vented zero reads −20 kPa, outside SelfTestZeroToleranceMpa 15 kPa"),
            pressurizing: subtle, charging: subtle, ready: subtle, spraying: subtle,
            shuttingDown: Off(VentedS, "reads 20 kPa low: the vent is confirmed a little early, and the open vent finishes the job")));

        // ---- converters (adc_nack: P_out has its own ADS1115; P_bottle and P_src share one) -----
        foreach (var target in new[] { FaultTarget.None, FaultTarget.POut, FaultTarget.PBottle, FaultTarget.PSrc })
        {
            var silent = Faults(SensorFault, SensorBadS, "DESIGN §2.5 stale ADC: no conversion for SensorStaleAfterS; scenario adc_nack");
            table.Add(Case(new(FaultKind.AdcNack, target),
                powerOn: silent, pressurizing: silent, charging: silent, ready: silent, spraying: silent,
                // Every converter here also serves P_out or P_bottle (P_src shares P_bottle's), so the vent cannot be confirmed.
                shuttingDown: UnconfirmedShutdown(FaultTarget.None, SensorBadS), ending: UnconfirmedEnding(FaultTarget.None)));
        }

        // ---- leaks -----------------------------------------------------------------------------
        var madeUp = Continues(null, 1.0, "a small leak is made up by the regulator; scenario leak") with { StillSprays = true };
        var leakHold = "the hold at the start of the shutdown (every valve shut) sees the manifold lose gas, and cannot tell a leak from a stuck spray valve: " + EndsSealed;
        table.Add(Case(new(FaultKind.Leak, FaultTarget.Manifold, 0.02),
            powerOn: madeUp, pressurizing: madeUp, charging: madeUp, ready: madeUp, spraying: madeUp,
            shuttingDown: OffBottleSealed(VentedS, leakHold),
            ending: OffBottleSealed(VentedS, leakHold)));

        var burstHose = "a burst hose draws more than the nozzle: UncommandedFlow in Ready → Fault";
        // Before Ready the fill cannot tell a leak from a slow fill until the manifold is held at its
        // reference or the fill has run past PressurizeTimeoutS (10 s): then the flow it delivers
        // without the pressure rising leaves through the leak → UncommandedFlow → Fault within
        // UncommandedFlowAfterS (0.5 s). Later than the 6–8 s first written here, which the device never
        // met (it stayed in Pressurizing with the source open against the leak for good), and safe:
        // the manifold never exceeds the setpoint while the gas is blown off.
        var burstHoseFill = "a burst hose before Ready: the fill stalls below the setpoint; UncommandedFlow once the manifold holds its reference or at the pressurize time-out (10 s) + 0.5 s → Fault";
        table.Add(Case(new(FaultKind.Leak, FaultTarget.Manifold, 0.2),
            powerOn: Faults(UncommandedFlow, 11.5, burstHoseFill, UnderPressure),
            pressurizing: Faults(UncommandedFlow, 11.0, burstHoseFill, UnderPressure),
            charging: Faults(UncommandedFlow, 11.0, burstHose + "; the leak slows the charge, Ready (where it is judged) comes ~9 s after the fault", UnderPressure),
            ready: Faults(UncommandedFlow, 1.0, burstHose, UnderPressure),
            spraying: Faults(UncommandedFlow, 11.0, burstHose + " once the pedal is released and the bottle recharged (Ready ~9 s after the fault)", UnderPressure),
            shuttingDown: OffBottleSealed(VentedS, leakHold),
            ending: OffBottleSealed(VentedS, "UncommandedFlow made the spray valve suspect (a burst hose cannot be told from it): " + EndsSealed)));

        var capOff = "the bottle cannot hold its charge (cap off): BottleNotCharging at ChargeTimeoutS 12 s, no spraying; scenario leak";
        table.Add(Case(new(FaultKind.Leak, FaultTarget.Bottle, 0.05),
            powerOn: StopsSpraying(BottleNotCharging, 16.0, capOff),
            pressurizing: StopsSpraying(BottleNotCharging, 14.0, capOff),
            charging: StopsSpraying(BottleNotCharging, 12.0, capOff),
            ready: StopsSpraying(BottleNotCharging, 16.0, capOff + "; the bottle falls to the recharge level first"),
            spraying: StopsSpraying(BottleNotCharging, 17.0, capOff + "; the bottle collapses, recharging starts ~4 s after the fault"),
            shuttingDown: Off(VentedS, "a leak only helps the vent")));

        // ---- supply ------------------------------------------------------------------------------
        var empty = "DESIGN §1.1 cylinder supply check: SupplyLow, then SupplyLost (high) → Fault; scenario supply_empty";
        table.Add(Case(new(FaultKind.SupplyEmpty),
            powerOn: Faults(SupplyLost, 4.0, empty, SupplyLow, UnderPressure),
            pressurizing: Faults(SupplyLost, 4.0, empty, SupplyLow, UnderPressure),
            charging: Faults(SupplyLost, 4.0, empty, SupplyLow, UnderPressure),
            ready: Faults(SupplyLost, BurstS + 3.0, empty + "; at rest nothing draws on the line, the burst shows it (SupplyLostAfterS 2 s after)", SupplyLow, UnderPressure),
            spraying: Faults(SupplyLost, 4.0, empty, SupplyLow, UnderPressure),
            shuttingDown: Off(VentedS, "the source is already shut"),
            ending: OffBottleSealed(VentedS, "Fault vented the manifold and the cylinder is empty; " + EndsSealedUnproven)));

        var deadMotor = "the tank does not rise CompressorMinRiseMpa within CompressorStartCheckS 3 s of the motor starting → CompressorFault; scenario compressor_failed";
        table.Add(Case(new(FaultKind.CompressorFailed), source: GasSource.Compressor,
            powerOn: Faults(CompressorFault, 4.5, deadMotor),
            pressurizing: Faults(CompressorFault, 4.5, deadMotor),
            charging: Faults(CompressorFault, BurstS + 10.0, "tank above cut-in: the motor starts only once the burst has drawn it down; " + deadMotor, SupplyLow, SupplyLost, UnderPressure),
            ready: Faults(CompressorFault, BurstS + 10.0, "tank above cut-in: the motor starts only once the burst has drawn it down; " + deadMotor, SupplyLow, SupplyLost, UnderPressure),
            spraying: Faults(CompressorFault, 10.0, "the spray draws the tank down to cut-in; " + deadMotor, SupplyLow, SupplyLost, UnderPressure),
            shuttingDown: Off(VentedS, "the compressor is off during the shutdown")));

        // ---- handpiece and bottle ------------------------------------------------------------------
        var clogged = "DESIGN §1.1 blocked nozzle: no flow while spraying → NozzleBlocked, spraying stops; scenario nozzle_clogged";
        table.Add(Case(new(FaultKind.NozzleClogged),
            powerOn: StopsSpraying(NozzleBlocked, BurstS + 1.5, clogged + "; shows at the burst, which sprays only once Ready (the bottle still charging at the press)"),
            pressurizing: StopsSpraying(NozzleBlocked, BurstS + 1.5, clogged + "; shows at the burst, which sprays only once Ready (the bottle still charging at the press)"),
            charging: StopsSpraying(NozzleBlocked, BurstS + 1.5, clogged + "; shows at the burst, which sprays only once Ready (the bottle still charging at the press)"),
            ready: StopsSpraying(NozzleBlocked, BurstS + 1.0, clogged + "; shows at the burst"),
            spraying: StopsSpraying(NozzleBlocked, 1.0, clogged),
            shuttingDown: Off(VentedS, "nothing sprays during the shutdown")));

        var dry = "DESIGN §1.1 level switch open → LiquidEmpty after 0.5 s; no spraying; scenario liquid_empty";
        table.Add(Case(new(FaultKind.LiquidEmpty),
            powerOn: StopsSpraying(LiquidEmpty, 1.0, dry),
            pressurizing: StopsSpraying(LiquidEmpty, 1.0, dry),
            charging: StopsSpraying(LiquidEmpty, 1.0, dry),
            ready: StopsSpraying(LiquidEmpty, 1.0, dry),
            spraying: StopsSpraying(LiquidEmpty, 1.0, dry),
            shuttingDown: Off(VentedS, "the level switch is still read while venting: LiquidEmpty is raised, the shutdown completes; the bottle's gas, now spread over 250 mL, vents as before", LiquidEmpty),
            ending: Off(13.0, EndsVented + "; the empty bottle, recharged once the liquid has gone, holds its gas in all 250 mL, ~11 s through the vent")));

        // ---- foot switch ---------------------------------------------------------------------------
        // A welded contact during a session is a held pedal to a single-channel switch (DESIGN §2.4,
        // scenario pedal_stuck): it sprays until the continuous-spray limit, then stays stopped.
        var timeout = "welded contact reads as a held pedal: SprayTimeout after SprayTimeLimitS 120 s, then ignored until released; scenario pedal_stuck";
        table.Add(Case(new(FaultKind.PedalStuck),
            powerOn: StopsSpraying(PedalStuck, 1.0, "DESIGN §2.4 pressed at power-on: ignored until seen released → PedalStuck; never sprays"),
            pressurizing: StopsSpraying(SprayTimeout, 125.0, timeout + "; spraying starts once Ready and charged"),
            charging: StopsSpraying(SprayTimeout, 125.0, timeout + "; spraying starts once charged"),
            ready: StopsSpraying(SprayTimeout, 121.0, timeout),
            spraying: StopsSpraying(SprayTimeout, 121.0, timeout),
            shuttingDown: Off(VentedS, "DESIGN §2.4 the pedal does nothing while ShuttingDown"),
            programChange: StopsSpraying(SprayTimeout, 123.0, timeout + "; spraying starts once the bottle is vented down to the eye ceiling")));

        var bounce = Continues(null, 1.0, "DESIGN §2.4 debounced press, release at once; must NOT fault; scenario pedal_bounce") with { StillSprays = true };
        table.Add(Case(new(FaultKind.PedalBounce),
            powerOn: bounce, pressurizing: bounce, charging: bounce, ready: bounce, spraying: bounce,
            shuttingDown: Off(VentedS, "the pedal does nothing while ShuttingDown")));

        // ---- the loop ------------------------------------------------------------------------------
        // With the real drivers the converters' last conversions are 100 ms old on the first tick after
        // the stall: stale readings are a SensorFault as well (same priority, same safe state).
        var stall = Faults(LoopOverrun, 0.12, "DESIGN §2.5 loop health: the first tick after a 100 ms stall sees it → Fault; drivers also see stale converters (SensorFault); scenario loop_stall", SensorFault);
        table.Add(Case(new(FaultKind.LoopStall, Value: 0.1),
            powerOn: Continues(null, 1.0, "a stall while Off is not supervised: the outputs vent there, nothing is endangered"),
            pressurizing: stall with
            {
                AlsoAllowed = [SensorFault, OverPressure],
                Why = stall.Why + "; the fill runs on through the stall with the inlet as last written, so the first tick after it also sees a real runaway past the (frozen) reference: OverPressure",
            },
            charging: stall, ready: stall, spraying: stall,
            shuttingDown: Off(VentedS, "LoopOverrun is raised, but the shutdown already heads for the safe state and completes; drivers also see stale converters (SensorFault)", LoopOverrun, SensorFault)));

        return table;
    }

    /// <summary>
    /// A sensor fault during the shutdown: SensorFault at once. On P_out or P_bottle the vent can no
    /// longer be confirmed by a trustworthy sensor, so the sequence times out into Fault with
    /// VentFailure, outputs safe. P_src plays no part in the confirmation (the source is already
    /// shut): the alarm is raised and latched, and the shutdown completes on the other two.
    /// </summary>
    private static Expectation UnconfirmedShutdown(FaultTarget target, double alarmWithinS) =>
        target == FaultTarget.PSrc
            ? Off(VentedS, "SensorFault; the source is shut and P_src does not confirm the vent, so the shutdown completes on P_out and P_bottle", SensorFault)
                with { AlarmWithinS = alarmWithinS }
            : Faults(SensorFault, VentFailureS, "SensorFault; the vent cannot be confirmed on a faulty sensor → VentFailure at ShutdownTimeoutS 30 s", VentFailure)
                with { AlarmWithinS = alarmWithinS };

    /// <summary>
    /// An ending under a sensor fault: P_src plays no part in confirming the vent, so the shutdown
    /// completes; on P_out or P_bottle it cannot be confirmed → VentFailure at the time-out, with the
    /// bottle reported as (possibly) under pressure.
    /// </summary>
    private static Expectation UnconfirmedEnding(FaultTarget target) =>
        target == FaultTarget.PSrc
            ? Off(VentedS, EndsVented + "; P_src plays no part in confirming it")
            : Faults(VentFailure, VentFailureS, "the vent cannot be confirmed on a faulty sensor → VentFailure at ShutdownTimeoutS 30 s; \"bottle under pressure, do not open\" with its last good reading on the status");

    private static FaultCase Case(
        FaultSpec fault,
        Expectation powerOn,
        Expectation pressurizing,
        Expectation charging,
        Expectation ready,
        Expectation spraying,
        Expectation shuttingDown,
        GasSource source = GasSource.Oxygen,
        double setpoint = 0.45,
        double? lowerTo = null,
        Expectation? programChange = null,
        Expectation? ending = null) => new()
        {
            Fault = fault,
            Source = source,
            SetpointMpa = setpoint,
            LowerSetpointToMpa = lowerTo,
            ProgramChange = programChange,
            Ending = ending ?? Off(VentedS, EndsVented),
            ByState = new Dictionary<DeviceState, Expectation>
            {
                [DeviceState.SelfTest] = powerOn,
                [DeviceState.Pressurizing] = pressurizing,
                [DeviceState.Charging] = charging,
                [DeviceState.Ready] = ready,
                [DeviceState.Spraying] = spraying,
                [DeviceState.ShuttingDown] = shuttingDown,
            },
        };
}
