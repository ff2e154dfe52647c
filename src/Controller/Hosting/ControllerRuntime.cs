using HydroOxygen.Controller.Calibration;
using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Loop;
using HydroOxygen.Hal;

namespace HydroOxygen.Controller.Hosting;

/// <summary>
/// The live controller: the board, the control core, the cycle that joins them, and the channels
/// through which the rest of the process talks to the loop (commands in; status, events and timing
/// out). One per process.
/// </summary>
public sealed class ControllerRuntime : IDisposable
{
    public ControllerRuntime(IDeviceBoard board, ControllerSettings settings, TimeProvider clock, CalibrationSet calibration)
    {
        Board = board;
        Clock = clock;
        Events = new EventRing(4096);
        Core = new SprayController(settings, Events);
        Commands = new CommandQueue();
        Cycle = new ControlCycle(board, Core, Commands, calibration);
        Scheduler = new LoopScheduler(clock, settings.LoopRateHz);
        Status = new SnapshotSlot<ControllerStatus>(Core.Status);
    }

    public IDeviceBoard Board { get; }
    public TimeProvider Clock { get; }
    public EventRing Events { get; }
    public SprayController Core { get; }
    public CommandQueue Commands { get; }
    public ControlCycle Cycle { get; }
    public LoopScheduler Scheduler { get; }

    /// <summary>The core's status after the latest tick, readable from any thread.</summary>
    public SnapshotSlot<ControllerStatus> Status { get; }

    /// <summary>Puts the hardware in its safe state; safe to call from any thread, any number of times.</summary>
    public bool ForceSafe()
    {
        try
        {
            return Board.ForceSafe();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        ForceSafe();
        Board.Dispose();
    }
}
