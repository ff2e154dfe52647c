using HydroOxygen.Controller.Core;
using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.Controller.Service;

/// <summary>
/// The device as the engineer's tools drive it: commands in through the loop's queue, status out,
/// and a way to wait for the loop — in real time on a live device, in virtual time on a simulated one.
/// </summary>
public interface IServiceDevice
{
    SprayController Core { get; }

    ControllerStatus Status { get; }

    /// <summary>Samples of the last step test or valve pulse (read after the procedure is done).</summary>
    ServiceRecording Recording { get; }

    /// <summary>The plant behind a simulated device (the simulated engineer reads its true pressure as the reference gauge); null on hardware.</summary>
    SprayPlant? Plant { get; }

    /// <summary>The calibration applied to the readings now.</summary>
    Calibration.CalibrationSet Calibration { get; }

    /// <summary>Puts a new calibration in use from the next tick.</summary>
    void UseCalibration(Calibration.CalibrationSet calibration);

    bool TryPost(ControlCommand command);

    /// <summary>Lets the loop run until <paramref name="done"/> holds for the status, or the time limit passes.</summary>
    /// <returns>The status that satisfied the condition, or null at the time limit.</returns>
    Task<ControllerStatus?> WaitUntilAsync(Func<ControllerStatus, bool> done, TimeSpan limit, CancellationToken cancellation);
}
