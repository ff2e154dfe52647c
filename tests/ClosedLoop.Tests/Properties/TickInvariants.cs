using System.Globalization;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Simulation;
using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.ClosedLoop.Tests.Properties;

/// <summary>
/// The invariants every tick of every session must keep, whatever the operator and the faults do.
/// The commanded outputs answer for the controller's intent; the plant's truth answers for what
/// would hurt the client (pressure, mist from a valve nobody asked for).
/// </summary>
internal sealed class TickInvariants(SimulationRunner runner)
{
    /// <summary>The mechanical relief valve's setting (DESIGN §1.2), the last layer: true pressure never above it.</summary>
    public const double ReliefMpa = 0.70;

    /// <summary>
    /// The relief valve opens over its band (0.70–0.71 MPa): with the inlet stuck open and the vent
    /// stuck shut the controller has nothing left to lower the manifold with, and the gas stored in
    /// the source line beyond the closed source valve may push it into that band.
    /// </summary>
    public static readonly double ReliefFullOpenMpa = PlantParameters.Default.ReliefMpa + PlantParameters.Default.ReliefBandMpa;

    /// <summary>
    /// A solenoid drops out ~15 ms after its coil is released (DESIGN §1.3); one 2 ms tick more
    /// covers sampling. Only this long may the spool stay open after the controller closed it.
    /// </summary>
    public const double SprayDropOutS = 0.02;

    /// <summary>
    /// A stalled loop holds its last outputs (the inlet wide open during a fill): only the relief valve
    /// acts until the controller runs again and its vent has caught up (0.5 s).
    /// </summary>
    public const double AfterStallS = 0.5;

    private double _sprayExcusedUntil = double.NegativeInfinity;
    private double _frozenUntil = double.NegativeInfinity;
    private double _lastT = double.NaN;
    private bool _sprayCommandedOpen;

    public double PeakTrueMpa { get; private set; }

    public void Check(in TraceSample sample)
    {
        var inv = CultureInfo.InvariantCulture;
        var t = sample.TimeS;

        if (sample.SprayOpen && !(sample.PedalSeen && sample.State == DeviceState.Spraying))
        {
            throw new InvariantViolation("spray valve open ⇒ pedal held (debounced) and Spraying", t,
                $"spray commanded open in {sample.State} with the debounced pedal {(sample.PedalSeen ? "held" : "released")}");
        }

        // The spool itself: open only while commanded (plus its drop-out), unless a fault welds it
        // open. The drop-out is counted from the first tick that commanded it shut, not from the
        // last tick that commanded it open: after a stalled loop (loop_stall) those are far apart,
        // and the valve cannot close before the controller has run again.
        if (sample.SprayOpen || _sprayCommandedOpen || PlantHas(FaultKind.SprayStuckOpen))
        {
            _sprayExcusedUntil = t + SprayDropOutS;
        }

        _sprayCommandedOpen = sample.SprayOpen;

        if (sample.SprayValveOpenTrue && t > _sprayExcusedUntil)
        {
            throw new InvariantViolation("spray valve open ⇒ pedal held (debounced) and Spraying", t,
                $"the plant's spray valve is open although it was last commanded open more than {SprayDropOutS * 1000:0} ms ago ({sample.State})");
        }

        if (sample.State == DeviceState.Fault && !runner.LastOutputs.IsSafe)
        {
            throw new InvariantViolation("Fault ⇒ outputs in SafeState", t, $"outputs {runner.LastOutputs}");
        }

        var programs = runner.Core.Programs;
        var ceiling = (uint)sample.ProgramIndex < (uint)programs.Count ? programs[sample.ProgramIndex].CeilingMpa : PressureLimits.MaxSetpointMpa;
        if (!(sample.SetpointMpa >= PressureLimits.MinSetpointMpa - 1e-9 && sample.SetpointMpa <= Math.Min(ceiling, PressureLimits.MaxSetpointMpa) + 1e-9))
        {
            throw new InvariantViolation("setpoint within 0.30–0.60 MPa (and the program's ceiling)", t,
                string.Create(inv, $"setpoint {sample.SetpointMpa:R} MPa, program #{sample.ProgramIndex} ceiling {ceiling} MPa"));
        }

        PeakTrueMpa = Math.Max(PeakTrueMpa, Math.Max(sample.POutTrueMpa, sample.PBottleTrueMpa));
        // A stall shows as a gap between the ticks (the plant runs on; the controller does not).
        if (PlantHas(FaultKind.LoopStall) || t - _lastT > 0.02)
        {
            _frozenUntil = t + AfterStallS;
        }

        _lastT = t;

        var unguarded = (PlantHas(FaultKind.InletStuckOpen) && PlantHas(FaultKind.VentStuckClosed)) || t <= _frozenUntil;
        var limit = unguarded ? ReliefFullOpenMpa : ReliefMpa;
        if (sample.POutTrueMpa > limit || sample.PBottleTrueMpa > limit)
        {
            throw new InvariantViolation(string.Create(inv, $"true manifold/bottle pressure ≤ {limit:0.00} MPa"), t,
                string.Create(inv, $"true P_out {sample.POutTrueMpa:0.0000} MPa, P_bottle {sample.PBottleTrueMpa:0.0000} MPa in {sample.State}"));
        }
    }

    private bool PlantHas(FaultKind kind)
    {
        var faults = runner.Plant.ActiveFaults;
        for (var i = 0; i < faults.Count; i++)
        {
            if (faults[i].Kind == kind)
            {
                return true;
            }
        }

        return false;
    }
}
