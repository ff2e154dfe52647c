using System.Diagnostics;
using System.Globalization;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Simulation;
using HydroOxygen.Reliability.Campaign;
using HydroOxygen.Reliability.Monitoring;
using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.Reliability.Soak;

/// <summary>
/// A simulated working day: one controller and one plant, as the service runs all day on the Pi,
/// through random treatment sessions (power-on, gas and program, setpoint changes, spray bursts with
/// the pedal, pauses, the occasional fault with its acknowledgement, shutdown by the rocker or the
/// API, a gap before the next client). Every tick is judged by the <see cref="SafetyMonitor"/>; every
/// injected fault must raise the alarm the campaign table expects in <c>Ready</c>, within its bound;
/// and once per period the heap, the allocations and the tick cost are taken, to show they stay flat.
/// </summary>
public sealed class SoakRunner
{
    /// <summary>The longest a session may take to become Ready after power-on (self-test, pressurising, charging), s.</summary>
    private const double ReadyWithinS = 60.0;

    /// <summary>The shutdown sequence's own time-out is 30 s; a margin for the last vent.</summary>
    private const double OffWithinS = 45.0;

    /// <summary>
    /// The faults the day meets, each with its campaign row (injected in Ready at 0.45 MPa on oxygen):
    /// only those whose alarm follows from the fault alone, whatever the technician does next.
    /// </summary>
    private static readonly FaultCase[] DayFaults = FaultTable.All
        .Where(c => c.SetpointMpa == 0.45 && c.Source == GasSource.Oxygen && c.Fault.Kind switch
        {
            FaultKind.SensorDisconnected or FaultKind.AdcNack or FaultKind.InletStuckOpen or FaultKind.SprayStuckOpen
                or FaultKind.LiquidEmpty or FaultKind.LoopStall => true,
            FaultKind.SensorStuck => c.Fault.Target == FaultTarget.POut,
            _ => false,
        })
        .ToArray();

    private readonly SoakOptions _options;
    private readonly Action<SoakPeriod>? _onPeriod;
    private readonly SimulationRunner _runner;
    private readonly SafetyMonitor _monitor;
    private readonly AlarmLog _alarms;
    private readonly Random _random;
    private readonly TickCostMeter _cost = new();
    private readonly List<SoakPeriod> _periods = [];
    private readonly List<string> _failures = [];
    private readonly double _endS;

    private double _nextPeriodEndS;
    private long _allocatedAtPeriodStart;
    private DeviceState _lastState = DeviceState.Off;
    private int _sessions, _sprays, _faults, _expected, _missed;
    private int _periodSessions, _periodSprays, _periodFaults;
    private long _alarmsAtPeriodStart, _acknowledgements;
    private double _sprayS;

    private SoakRunner(SoakOptions options, Action<SoakPeriod>? onPeriod)
    {
        _options = options;
        _onPeriod = onPeriod;
        _runner = new SimulationRunner(ControllerSettings.Default, options.Plant, options.Seed, backend: options.Backend);
        _monitor = new SafetyMonitor(_runner);
        _alarms = new AlarmLog(_runner.Events);
        _random = new Random(options.Seed);
        _endS = options.Hours * 3600.0;
        _nextPeriodEndS = Math.Min(options.PeriodS, _endS);
    }

    public static SoakResult Run(SoakOptions options, Action<SoakPeriod>? onPeriod = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SoakRunner(options, onPeriod).Day();
    }

    private SoakResult Day()
    {
        var wall = Stopwatch.StartNew();
        _allocatedAtPeriodStart = GC.GetAllocatedBytesForCurrentThread();
        while (_runner.Time < _endS - 60.0)
        {
            Session();
            Wait(Uniform(30.0, 300.0));
        }

        // The end of the day: whatever state the last session left, the rocker goes off.
        _runner.PowerSwitch(false);
        WaitFor(s => s.State == DeviceState.Off, OffWithinS);
        Wait(_endS - _runner.Time);
        // A last stretch shorter than half a period (the final shutdown running past the end) is not a
        // period of its own: its few ticks would make a meaningless row.
        if (_periods.Count == 0 || _periods[^1].EndS < _runner.Time - (_options.PeriodS / 2))
        {
            ClosePeriod();
        }

        _alarms.Drain();
        if (_monitor.ViolationCount > 0)
        {
            _failures.Add($"{_monitor.ViolationCount} invariant violations, first: {string.Join("; ", _monitor.Violations.Take(3))}");
        }

        if (_missed > 0)
        {
            _failures.Add($"{_missed} of {_expected} expected alarms missed");
        }

        if (_alarms.Dropped > 0)
        {
            _failures.Add($"{_alarms.Dropped} events dropped from the event ring");
        }

        _failures.AddRange(DriftCheck.Judge(_periods));
        var byCode = Enum.GetValues<AlarmCode>().ToDictionary(c => c, _alarms.RaisedCount);
        return new SoakResult
        {
            Options = _options,
            Periods = _periods,
            SimulatedS = _runner.Time,
            Wall = wall.Elapsed,
            Sessions = _sessions,
            Sprays = _sprays,
            SprayedS = _sprayS,
            FaultsInjected = _faults,
            AlarmsExpected = _expected,
            AlarmsMissed = _missed,
            AlarmsRaised = byCode.Values.Sum(),
            Acknowledgements = _acknowledgements,
            AlarmsByCode = byCode,
            InvariantViolations = _monitor.ViolationCount,
            EventsLogged = _alarms.Events,
            EventsDropped = _alarms.Dropped,
            PeakTrueMpa = _monitor.PeakTrueMpa,
            Failures = _failures,
        };
    }

    private void Session()
    {
        var sessionEnd = Math.Min(_endS - 60.0, _runner.Time + Uniform(5 * 60.0, 25 * 60.0));
        _runner.PowerSwitch(true);
        if (!Recover("power-on"))
        {
            return;
        }

        _sessions++;
        _periodSessions++;
        var faultsThisSession = 0;
        ChooseSource();
        ChooseProgram();
        ChooseSetpoint();
        Wait(Uniform(1.0, 5.0));
        while (_runner.Time < sessionEnd)
        {
            if (_runner.Core.State == DeviceState.Fault && !Recover("an alarm"))
            {
                return;
            }

            var draw = _random.NextDouble();
            if (draw < 0.55)
            {
                SprayBurst();
            }
            else if (draw < 0.70)
            {
                ChooseSetpoint();
                Wait(Uniform(2.0, 10.0));
            }
            else if (draw < 0.78)
            {
                ChooseProgram();
                Wait(Uniform(2.0, 10.0));
            }
            else if (draw < 0.81)
            {
                ChooseSource();
                Wait(Uniform(5.0, 15.0));
            }
            else if (draw < 0.86 && faultsThisSession == 0 && _runner.Core.State == DeviceState.Ready)
            {
                faultsThisSession++;
                InjectFault();
            }
            else
            {
                if (LatchedAlarms() != 0 && _random.NextDouble() < 0.5)
                {
                    Acknowledge();
                }

                Wait(Uniform(10.0, 90.0));
            }
        }

        // Most days end a treatment with the rocker; some with the dashboard's shutdown, after which
        // the technician switches the rocker off too.
        var byApi = _random.NextDouble() < 0.15;
        if (byApi)
        {
            _runner.Command(ControlCommand.Shutdown());
        }
        else
        {
            _runner.PowerSwitch(false);
        }

        if (!WaitFor(s => s.State == DeviceState.Off, OffWithinS))
        {
            _failures.Add(At($"session {_sessions}: not Off within {OffWithinS} s of the {(byApi ? "API shutdown" : "power switch")} (state {_runner.Core.State})"));
            _runner.PowerSwitch(false);
            WaitFor(s => s.State == DeviceState.Off, OffWithinS);
        }

        if (byApi)
        {
            _runner.PowerSwitch(false);
        }
    }

    private void SprayBurst()
    {
        _runner.Pedal(true);
        Wait(Uniform(0.5, 8.0));
        _runner.Pedal(false);
        Wait(Uniform(2.0, 20.0));
    }

    private void ChooseSource() =>
        _runner.Command(ControlCommand.SelectSource(_random.NextDouble() < 0.3 ? GasSource.Compressor : GasSource.Oxygen));

    // Any program, acne on compressed air included: the controller refuses it with a message.
    private void ChooseProgram() => _runner.Command(ControlCommand.SelectProgram(_random.Next(_runner.Core.Programs.Count)));

    // Anywhere in the range, also above a capped program's ceiling: the controller refuses those.
    private void ChooseSetpoint() =>
        _runner.Command(ControlCommand.SetSetpoint(Math.Round(Uniform(PressureLimits.MinSetpointMpa, PressureLimits.MaxSetpointMpa), 2)));

    private void InjectFault()
    {
        var fault = DayFaults[_random.Next(DayFaults.Length)];
        var expected = fault.In(DeviceState.Ready);
        var code = expected.Alarm ?? throw new InvalidOperationException($"{fault.Name}: the soak needs a fault with an alarm");
        var within = expected.AlarmWithinS ?? expected.BoundS;
        var before = _alarms.RaisedCount(code);
        var t0 = _runner.Time;
        _faults++;
        _periodFaults++;
        _expected++;
        _runner.Inject(fault.Fault);
        Wait(within + 0.5);
        var raisedAfter = _alarms.LastRaisedAt(code) - t0;
        if (_alarms.RaisedCount(code) == before || raisedAfter > within + 1e-9)
        {
            _missed++;
            _failures.Add(At($"session {_sessions}: {fault.Name} in Ready did not raise {code} within {within:0.###} s"));
        }

        _runner.Clear(fault.Fault.Kind, fault.Fault.Target);
        Wait(Uniform(1.0, 10.0));
        Recover(fault.Name);
    }

    /// <summary>Brings the device back to Ready after power-on or an alarm, acknowledging as a technician would; false (and a failure) if it cannot.</summary>
    private bool Recover(string after)
    {
        var deadline = _runner.Time + ReadyWithinS;
        while (_runner.Time < deadline)
        {
            var state = _runner.Core.State;
            if (state == DeviceState.Ready)
            {
                return true;
            }

            if (state == DeviceState.Fault || LatchedAlarms() != 0)
            {
                Acknowledge();
            }

            WaitFor(s => s.State == DeviceState.Ready, 2.0);
        }

        _failures.Add(At($"session {_sessions + 1}: not Ready within {ReadyWithinS} s after {after} (state {_runner.Core.State}, alarms latched {System.Numerics.BitOperations.PopCount(LatchedAlarms())})"));
        _runner.PowerSwitch(false);
        WaitFor(s => s.State == DeviceState.Off, OffWithinS);
        return false;
    }

    private void Acknowledge()
    {
        _acknowledgements++;
        _runner.Command(ControlCommand.AcknowledgeAlarms());
    }

    private bool WaitFor(Func<TraceSample, bool> reached, double limitS)
    {
        var deadline = Math.Min(_runner.Time + limitS, _endS + OffWithinS);
        while (_runner.Time + (_runner.TickSeconds / 2) < deadline)
        {
            if (reached(Tick()))
            {
                return true;
            }
        }

        return false;
    }

    private void Wait(double seconds)
    {
        var until = Math.Min(_runner.Time + seconds, Math.Max(_endS, _runner.Time));
        while (_runner.Time + (_runner.TickSeconds / 2) < until)
        {
            Tick();
        }
    }

    private TraceSample Tick()
    {
        var start = Stopwatch.GetTimestamp();
        var sample = _runner.Tick();
        _cost.Add(Stopwatch.GetTimestamp() - start);
        _monitor.Observe(in sample);
        _alarms.Drain();
        if (sample.State == DeviceState.Spraying && _lastState != DeviceState.Spraying)
        {
            _sprays++;
            _periodSprays++;
        }

        if (sample.SprayValveOpenTrue)
        {
            _sprayS += _runner.TickSeconds;
        }

        _lastState = sample.State;
        if (_runner.Time + (_runner.TickSeconds / 2) >= _nextPeriodEndS && _nextPeriodEndS <= _endS)
        {
            ClosePeriod();
        }

        return sample;
    }

    private void ClosePeriod()
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread() - _allocatedAtPeriodStart;
        var live = GC.GetTotalMemory(forceFullCollection: true);
        var alarms = Enum.GetValues<AlarmCode>().Sum(c => _alarms.RaisedCount(c));
        var period = new SoakPeriod(_periods.Count, _runner.Time, allocated, live, _cost.Count, _cost.MeanMicroseconds, _cost.Percentile(0.5),
            _cost.Percentile(0.99), _cost.MaxMicroseconds, _periodSessions, _periodSprays, _periodFaults, alarms - _alarmsAtPeriodStart);
        _periods.Add(period);
        _onPeriod?.Invoke(period);
        _cost.Reset();
        _periodSessions = _periodSprays = _periodFaults = 0;
        _alarmsAtPeriodStart = alarms;
        _nextPeriodEndS += _options.PeriodS;

        // After the report's own allocations, so that a period counts only what the day allocated.
        _allocatedAtPeriodStart = GC.GetAllocatedBytesForCurrentThread();
    }

    private uint LatchedAlarms() => TraceSample.AlarmBits(_runner.Core.Status.Alarms);

    private double Uniform(double low, double high) => low + (_random.NextDouble() * (high - low));

    private string At(string text) => string.Create(CultureInfo.InvariantCulture, $"{_runner.Time:F1} s: {text}");
}
