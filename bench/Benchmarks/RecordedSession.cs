using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Simulation;
using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.Benchmarks;

/// <summary>
/// The real inputs of a session on the simulated device (power-on, fill, charge, then spray bursts),
/// recorded once, so that the control step can be run anywhere, at any rate, without the simulator.
/// </summary>
/// <remarks>
/// The last burst cycle ends where it began (pedal pressed in Ready, bottle charged, manifold at the
/// setpoint), so replay can loop over it for as long as a benchmark needs.
/// </remarks>
internal sealed class RecordedSession
{
    private const double CycleS = 5.0;
    private const double SprayS = 2.0;

    private RecordedSession(ControllerSettings settings, ControlInputs[] inputs, int loopStart)
    {
        Settings = settings;
        Inputs = inputs;
        LoopStart = loopStart;
    }

    public ControllerSettings Settings { get; }
    public ControlInputs[] Inputs { get; }

    /// <summary>Index of the first input of the repeating burst cycle.</summary>
    public int LoopStart { get; }

    public static RecordedSession Record(double rateHz = 500.0)
    {
        var settings = ControllerSettings.Default with { StartupProgram = "acne", LoopRateHz = rateHz };
        var runner = new SimulationRunner(settings, PlantParameters.Default, seed: 7);
        var inputs = new List<ControlInputs>();
        runner.PowerSwitch(true);
        runner.RunUntil(8.0, _ => inputs.Add(runner.Cycle.LastInputs));
        var loopStart = 0;
        for (var cycle = 0; cycle < 3; cycle++)
        {
            if (cycle == 2)
            {
                loopStart = inputs.Count;
            }

            var start = runner.Time;
            runner.Pedal(true);
            runner.RunUntil(start + SprayS, _ => inputs.Add(runner.Cycle.LastInputs));
            runner.Pedal(false);
            runner.RunUntil(start + CycleS, _ => inputs.Add(runner.Cycle.LastInputs));
        }

        if (runner.Core.State != DeviceState.Ready)
        {
            throw new InvalidOperationException($"The recorded session ended in {runner.Core.State}, not Ready; the replay would not be representative.");
        }

        return new RecordedSession(settings, [.. inputs], loopStart);
    }

    /// <summary>A fresh control core fed with these inputs.</summary>
    public Replay NewReplay() => new(this);

    /// <summary>
    /// Feeds the recorded inputs to a control core one tick at a time: first the whole session from
    /// power-on, then the burst cycle over and over, with the clock and the converters' sample
    /// counters carried forward so that the core never sees time run backwards or a stale sensor.
    /// </summary>
    internal sealed class Replay
    {
        private readonly ControlInputs[] _inputs;
        private readonly int _loopStart;
        private readonly double _lapSeconds;
        private readonly long _lapPOut;
        private readonly long _lapPBottle;
        private readonly long _lapPSrc;
        private int _index;
        private long _lap;

        public Replay(RecordedSession session)
        {
            _inputs = session.Inputs;
            _loopStart = session.LoopStart;
            _lapSeconds = session.Settings.TickSeconds * (_inputs.Length - _loopStart);
            var first = _inputs[_loopStart - 1];
            var last = _inputs[^1];
            _lapPOut = last.POut.Sequence - first.POut.Sequence;
            _lapPBottle = last.PBottle.Sequence - first.PBottle.Sequence;
            _lapPSrc = last.PSrc.Sequence - first.PSrc.Sequence;
            Core = new SprayController(session.Settings, new EventRing(1 << 12));
        }

        public SprayController Core { get; }

        /// <summary>Runs the control step on the next recorded input.</summary>
        public ControlOutputs Step()
        {
            ref readonly var recorded = ref _inputs[_index];
            var outputs = Core.Step(_lap == 0 ? recorded : Shifted(in recorded), []);
            if (++_index == _inputs.Length)
            {
                _index = _loopStart;
                _lap++;
            }

            return outputs;
        }

        private ControlInputs Shifted(in ControlInputs recorded) => recorded with
        {
            Time = recorded.Time + (_lap * _lapSeconds),
            POut = recorded.POut with { Sequence = recorded.POut.Sequence + (_lap * _lapPOut) },
            PBottle = recorded.PBottle with { Sequence = recorded.PBottle.Sequence + (_lap * _lapPBottle) },
            PSrc = recorded.PSrc with { Sequence = recorded.PSrc.Sequence + (_lap * _lapPSrc) },
        };
    }
}
