using HydroOxygen.Controller.Simulation;

namespace HydroOxygen.Controller.Simulation.Traces;

/// <summary>
/// Something that watches a run sample by sample (expectations, the CSV trace, the plot). Samples
/// are streamed and never kept by the runner, so a 90-minute run needs no 90-minute buffer.
/// </summary>
public interface ITraceObserver
{
    void Observe(in TraceSample sample);

    /// <summary>The run is over: no more samples will come.</summary>
    void Complete();
}
