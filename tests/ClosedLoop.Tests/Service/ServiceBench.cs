using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Service;
using HydroOxygen.Controller.Simulation;
using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.ClosedLoop.Tests.Service;

/// <summary>A simulated device on the engineer's bench: the real controller and plant in virtual time, and the engineer's operations on it.</summary>
internal sealed class ServiceBench
{
    public ServiceBench(PlantParameters plant, ControllerSettings? settings = null, int seed = 3)
    {
        Runner = new SimulationRunner(settings ?? ControllerSettings.Default, plant, seed);
        Device = new VirtualServiceDevice(Runner);
        Procedures = new ServiceProcedures(Device, new ServiceOptions(), TimeProvider.System);
        Runner.PowerSwitch(true);
        Runner.RunUntil(3.0);
    }

    public SimulationRunner Runner { get; }
    public VirtualServiceDevice Device { get; }
    public ServiceProcedures Procedures { get; }
    public SprayPlant Plant => Runner.Plant;

    /// <summary>Leaves service mode, acknowledges and runs until Ready with a charged bottle at the given setpoint.</summary>
    public void BackToReady(double setpointMpa)
    {
        Procedures.ExitServiceAsync(CancellationToken.None).GetAwaiter().GetResult();
        Runner.Command(ControlCommand.AcknowledgeAlarms());
        Runner.Command(ControlCommand.SelectProgram(Runner.Core.ProgramIndex("custom")));
        Runner.Command(ControlCommand.SetSetpoint(setpointMpa));
        Runner.RunUntil(Runner.Time + 12.0);
        Assert.Equal(DeviceState.Ready, Runner.Sample().State);
    }

    /// <summary>Holds a setpoint in Ready and averages measured and true outlet and bottle pressures over a second.</summary>
    public (double Outlet, double Bottle) MeasurementError(double setpointMpa)
    {
        Runner.Command(ControlCommand.SetSetpoint(setpointMpa));
        Runner.RunUntil(Runner.Time + 6.0);
        double outlet = 0, bottle = 0;
        var n = 0;
        Runner.RunUntil(Runner.Time + 1.0, s =>
        {
            outlet += s.POutMpa - s.POutTrueMpa;
            bottle += s.PBottleMpa - s.PBottleTrueMpa;
            n++;
        });
        Assert.Equal(DeviceState.Ready, Runner.Sample().State);
        return (outlet / n, bottle / n);
    }
}
