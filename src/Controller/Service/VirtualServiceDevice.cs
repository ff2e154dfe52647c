using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Simulation;
using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.Controller.Service;

/// <summary>A simulated device in virtual time: waiting runs the loop tick by tick, as fast as it goes.</summary>
public sealed class VirtualServiceDevice(SimulationRunner runner) : IServiceDevice
{
    public SimulationRunner Runner => runner;

    public SprayController Core => runner.Core;

    public ControllerStatus Status => runner.Core.Status;

    public ServiceRecording Recording => runner.Core.ServiceRecording;

    public SprayPlant? Plant => runner.Plant;

    public Calibration.CalibrationSet Calibration => runner.Cycle.Calibration;

    public void UseCalibration(Calibration.CalibrationSet calibration) => runner.Cycle.UseCalibration(calibration);

    public bool TryPost(ControlCommand command) => runner.Command(command);

    public Task<ControllerStatus?> WaitUntilAsync(Func<ControllerStatus, bool> done, TimeSpan limit, CancellationToken cancellation)
    {
        var deadline = runner.Time + limit.TotalSeconds;
        while (runner.Time < deadline)
        {
            cancellation.ThrowIfCancellationRequested();
            runner.Tick();
            while (runner.Events.TryRead(out _))
            {
            }

            if (done(runner.Core.Status))
            {
                return Task.FromResult<ControllerStatus?>(runner.Core.Status);
            }
        }

        return Task.FromResult<ControllerStatus?>(null);
    }
}
