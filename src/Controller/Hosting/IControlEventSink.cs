using HydroOxygen.Controller.Core;

namespace HydroOxygen.Controller.Hosting;

/// <summary>Something that wants the control loop's events (the log, session records, live streams).</summary>
public interface IControlEventSink
{
    /// <summary>Called off the tick, in event order. Must not throw for ordinary problems.</summary>
    void Handle(in ControlEvent controlEvent, in ControllerStatus status);
}
