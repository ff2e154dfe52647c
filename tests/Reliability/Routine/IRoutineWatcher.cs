using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Simulation;

namespace HydroOxygen.Reliability.Routine;

/// <summary>Sees a replayed sequence as it runs: each tick's trace row and each of the controller's events.</summary>
public interface IRoutineWatcher
{
    void Tick(in TraceSample sample);

    void Event(in ControlEvent controlEvent);
}
