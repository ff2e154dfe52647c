using System.Globalization;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Simulation;
using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.Reliability.Monitoring;

/// <summary>
/// Watches every tick of a simulated run for the invariants of <see cref="InvariantKind"/>, judged
/// on the plant's truth where the truth is what hurts (pressures, the spray valve's spool, the
/// technician's foot) and on the commanded outputs where the controller's intent is the question.
/// </summary>
/// <remarks>
/// Two faults defeat a check by their very nature, and only those are excused, only while they are
/// injected: a welded foot-switch contact (<c>pedal_stuck</c>) is indistinguishable from a held
/// pedal on a single-channel switch, so the spray checks then use the contact instead of the foot;
/// a spray valve stuck open (<c>spray_stuck_open</c>) is open whatever the controller commands.
/// A bouncing contact (<c>pedal_bounce</c>) keeps closing for a few ms after the foot lifts, and the
/// controller can only see the contact (DESIGN §2.4: release = the contact's opening), so the spray
/// checks then use the contact too — strictly: shut on the tick the contact is read open, and open
/// again only after the contact has stayed closed for the debounce time.
/// </remarks>
public sealed class SafetyMonitor
{
    /// <summary>The mechanical relief valve's setting (DESIGN §1.2): the true pressure must never exceed it.</summary>
    public const double ReliefMpa = 0.70;

    /// <summary>
    /// A solenoid takes ~15 ms to drop out (DESIGN §1.3), so the spool may still be open for that
    /// long after the controller closed it on the pedal's release; one tick more covers the sampling.
    /// </summary>
    public const double SprayDropOutS = 0.02;

    /// <summary>
    /// After the spray valve shuts, the 10 mL hose behind it still blows down through the nozzle:
    /// from 0.60 MPa the jet stays above the mist threshold for ~0.38 s (measured on the default
    /// plant). Mist with the foot up is the hose emptying only within this long of a spray.
    /// </summary>
    public const double HoseBlowDownS = 0.5;

    /// <summary>
    /// A spray valve stuck open passes gas until the controller has seen it (UncommandedFlow) and
    /// shut the source; the manifold then blows down through the vent and the stuck valve. After
    /// this long from the alarm, mist with the foot up is the controller's own doing.
    /// </summary>
    public const double StuckSprayBlowDownS = 1.0;

    private readonly SimulationRunner _runner;
    private readonly int _keep;
    private readonly List<Violation> _violations = [];
    private readonly long[] _counts = new long[Enum.GetValues<InvariantKind>().Length];
    private double _lastSprayExcusedAt = double.NegativeInfinity;
    private double _contactClosedSince = double.NaN;
    private double _lastSprayValveOpenAt = double.NegativeInfinity;
    private double _stuckSprayDetectedAt = double.NaN;

    public SafetyMonitor(SimulationRunner runner, int keep = 20)
    {
        ArgumentNullException.ThrowIfNull(runner);
        _runner = runner;
        _keep = keep;
    }

    public double PeakPOutTrueMpa { get; private set; }
    public double PeakPBottleTrueMpa { get; private set; }
    public double PeakTrueMpa => Math.Max(PeakPOutTrueMpa, PeakPBottleTrueMpa);

    public long Samples { get; private set; }

    /// <summary>Every breach counted; only the first few are kept with their detail.</summary>
    public long ViolationCount { get; private set; }

    public IReadOnlyList<Violation> Violations => _violations;

    public long Count(InvariantKind kind) => _counts[(int)kind];

    /// <summary>Starts the peak figures afresh (the counts of violations stay).</summary>
    public void ResetPeaks()
    {
        PeakPOutTrueMpa = 0.0;
        PeakPBottleTrueMpa = 0.0;
    }

    public void Observe(in TraceSample sample)
    {
        Samples++;
        PeakPOutTrueMpa = Math.Max(PeakPOutTrueMpa, sample.POutTrueMpa);
        PeakPBottleTrueMpa = Math.Max(PeakPBottleTrueMpa, sample.PBottleTrueMpa);
        if (sample.POutTrueMpa > ReliefMpa || sample.PBottleTrueMpa > ReliefMpa)
        {
            Report(sample.TimeS, InvariantKind.TruePressureAboveRelief,
                $"true P_out {sample.POutTrueMpa:F3} MPa, P_bottle {sample.PBottleTrueMpa:F3} MPa in {sample.State}");
        }

        ActiveFaults(out var pedalWelded, out var sprayStuck, out var pedalBouncy);

        // The contact as the controller read it on this tick, and since when it has stayed closed.
        var contact = _runner.Cycle.LastInputs.FootSwitchContact;
        if (!contact)
        {
            _contactClosedSince = double.NaN;
        }
        else if (double.IsNaN(_contactClosedSince))
        {
            _contactClosedSince = sample.TimeS;
        }

        // A bouncing contact keeps closing for a few ms after the foot lifts; the controller can only
        // see the contact, so while pedal_bounce is injected the spray is judged against it, strictly:
        // commanded shut on the very tick the contact is first read open, and not open again until
        // the contact has stayed closed for the debounce time (a new debounced press).
        var debounced = contact && sample.TimeS - _contactClosedSince >= _runner.Core.Settings.Safety.PedalDebounceS - 1e-9;
        var pedalHeld = pedalBouncy ? debounced : sample.Pedal || pedalWelded;
        if (sample.SprayOpen && (!pedalHeld || sample.State != DeviceState.Spraying))
        {
            Report(sample.TimeS, InvariantKind.SprayCommandedWithoutPedal,
                $"spray commanded open in {sample.State}, pedal {(sample.Pedal ? "down" : "up")}");
        }

        if (sample.SprayOpen || sprayStuck || pedalWelded)
        {
            _lastSprayExcusedAt = sample.TimeS;
        }

        if (sample.SprayValveOpenTrue && !pedalHeld && sample.TimeS - _lastSprayExcusedAt > SprayDropOutS)
        {
            Report(sample.TimeS, InvariantKind.SprayValveOpenWithoutPedal,
                $"spray valve open in the plant {sample.TimeS - _lastSprayExcusedAt:F3} s after it was commanded shut, pedal up, {sample.State}");
        }

        CheckMist(in sample, pedalHeld, sprayStuck);

        if (sample.State == DeviceState.Fault && !_runner.LastOutputs.IsSafe)
        {
            Report(sample.TimeS, InvariantKind.FaultOutputsUnsafe, $"outputs {_runner.LastOutputs}");
        }

        var programs = _runner.Core.Programs;
        var ceiling = (uint)sample.ProgramIndex < (uint)programs.Count ? programs[sample.ProgramIndex].CeilingMpa : PressureLimits.MaxSetpointMpa;
        if (!(sample.SetpointMpa >= PressureLimits.MinSetpointMpa - 1e-9 && sample.SetpointMpa <= Math.Min(ceiling, PressureLimits.MaxSetpointMpa) + 1e-9))
        {
            Report(sample.TimeS, InvariantKind.SetpointOutOfRange,
                string.Create(CultureInfo.InvariantCulture, $"setpoint {sample.SetpointMpa} MPa, program ceiling {ceiling} MPa"));
        }
    }

    /// <summary>
    /// The dead-man rule on the plant: mist only with the foot on the pedal, or the hose emptying
    /// just after a spray. A spray valve stuck open is excused until the controller has detected it
    /// (UncommandedFlow) and the manifold has blown down — not afterwards, and never while the
    /// controller itself vents the bottle through the manifold (charge valve open in ShuttingDown,
    /// SelfTest, or Ready, where it is open only to vent down to a lower ceiling): that gas is the
    /// controller's to keep from the pen.
    /// </summary>
    private void CheckMist(in TraceSample sample, bool pedalHeld, bool sprayStuck)
    {
        var t = sample.TimeS;
        if (sample.SprayValveOpenTrue && !sprayStuck)
        {
            _lastSprayValveOpenAt = t;
        }

        if (!sprayStuck)
        {
            _stuckSprayDetectedAt = double.NaN;
        }
        else if (double.IsNaN(_stuckSprayDetectedAt) && sample.HasAlarm(AlarmCode.UncommandedFlow))
        {
            _stuckSprayDetectedAt = t;
        }

        var ventsBottle = sample.ChargeOpen && (sample.State is DeviceState.ShuttingDown or DeviceState.SelfTest or DeviceState.Ready);
        var stuckExcused = sprayStuck && !ventsBottle
            && (double.IsNaN(_stuckSprayDetectedAt) || t - _stuckSprayDetectedAt <= StuckSprayBlowDownS);
        if (sample.Mist && !pedalHeld && !stuckExcused && t - _lastSprayValveOpenAt > HoseBlowDownS)
        {
            Report(t, InvariantKind.MistWithoutPedal,
                string.Create(CultureInfo.InvariantCulture,
                    $"mist at the pen with the foot up in {sample.State}: hose {sample.PHoseTrueMpa:F3} MPa, nozzle {sample.NozzleFlowLpm:F1} L/min, bottle {sample.PBottleTrueMpa:F3} MPa"));
        }
    }

    private void ActiveFaults(out bool pedalWelded, out bool sprayStuck, out bool pedalBouncy)
    {
        pedalWelded = false;
        sprayStuck = false;
        pedalBouncy = false;
        var faults = _runner.Plant.ActiveFaults;
        for (var i = 0; i < faults.Count; i++)
        {
            pedalWelded |= faults[i].Kind == FaultKind.PedalStuck;
            sprayStuck |= faults[i].Kind == FaultKind.SprayStuckOpen;
            pedalBouncy |= faults[i].Kind == FaultKind.PedalBounce;
        }
    }

    private void Report(double time, InvariantKind kind, string detail)
    {
        ViolationCount++;
        _counts[(int)kind]++;
        if (_violations.Count < _keep)
        {
            _violations.Add(new Violation(time, kind, detail));
        }
    }
}
