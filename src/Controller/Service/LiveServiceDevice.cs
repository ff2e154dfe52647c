using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Hosting;
using HydroOxygen.Simulator.Devices;
using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.Controller.Service;

/// <summary>A running controller (its real-time loop on its own thread), as the engineer's tools see it.</summary>
public sealed class LiveServiceDevice(ControllerRuntime runtime) : IServiceDevice
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    public SprayController Core => runtime.Core;

    public ControllerStatus Status => runtime.Status.Read();

    public ServiceRecording Recording => runtime.Core.ServiceRecording;

    public SprayPlant? Plant => (runtime.Board as ISimulatedDevice)?.Plant;

    public Calibration.CalibrationSet Calibration => runtime.Cycle.Calibration;

    public void UseCalibration(Calibration.CalibrationSet calibration) => runtime.Cycle.UseCalibration(calibration);

    public bool TryPost(ControlCommand command) => runtime.Commands.TryPost(command);

    public async Task<ControllerStatus?> WaitUntilAsync(Func<ControllerStatus, bool> done, TimeSpan limit, CancellationToken cancellation)
    {
        var deadline = runtime.Clock.GetTimestamp() + (long)(limit.TotalSeconds * runtime.Clock.TimestampFrequency);
        while (true)
        {
            var status = runtime.Status.Read();
            if (done(status))
            {
                return status;
            }

            if (runtime.Clock.GetTimestamp() >= deadline)
            {
                return null;
            }

            await Task.Delay(Poll, cancellation).ConfigureAwait(false);
        }
    }
}
