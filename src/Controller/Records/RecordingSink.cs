using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Hosting;

namespace HydroOxygen.Controller.Records;

/// <summary>Hands the loop's events to the records writer; never touches the disk itself.</summary>
public sealed class RecordingSink(RecordsWriter writer, LoopClock loopClock) : IControlEventSink
{
    public void Handle(in ControlEvent controlEvent, in ControllerStatus status)
    {
        loopClock.Observe(in status);
        writer.Post(new RecordMessage(RecordMessageKind.Event, loopClock.ToWall(controlEvent.Time), controlEvent, status));
    }
}
