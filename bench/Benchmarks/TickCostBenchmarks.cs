using BenchmarkDotNet.Attributes;
using HydroOxygen.Controller.Core;

namespace HydroOxygen.Benchmarks;

/// <summary>
/// BenchmarkDotNet: the control step on recorded inputs, a thousand ticks per invocation (so the
/// harness's own overhead is negligible), reported per tick. Public and unsealed because
/// BenchmarkDotNet requires it.
/// </summary>
[MemoryDiagnoser]
public class TickCostBenchmarks
{
    public const int TicksPerInvoke = 1000;

    private RecordedSession.Replay? _replay;

    [GlobalSetup]
    public void Setup()
    {
        _replay = RecordedSession.Record().NewReplay();

        // Past power-on and the first fill: the steady work of a session, not its first seconds.
        for (var i = 0; i < 20_000; i++)
        {
            _ = _replay.Step();
        }
    }

    /// <summary>One control step (read nothing, compute everything, write nothing: the core alone).</summary>
    [Benchmark(OperationsPerInvoke = TicksPerInvoke)]
    public ControlOutputs ControlStep()
    {
        var replay = _replay!;
        var outputs = default(ControlOutputs);
        for (var i = 0; i < TicksPerInvoke; i++)
        {
            outputs = replay.Step();
        }

        return outputs;
    }
}
