using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Simulation;
using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.ClosedLoop.Tests;

/// <summary>
/// The real control core against the simulated plant in virtual time, with the verbs a tester uses.
/// Every sample is kept (tests run seconds, not hours) so assertions can look back.
/// </summary>
internal sealed class Device
{
    private readonly List<TraceSample> _trace = [];

    public Device(ControllerSettings? settings = null, PlantParameters? plant = null, int seed = 7)
    {
        Runner = new SimulationRunner(settings ?? ControllerSettings.Default, plant ?? PlantParameters.Default, seed);
    }

    public SimulationRunner Runner { get; }
    public IReadOnlyList<TraceSample> Trace => _trace;
    public TraceSample Last => _trace.Count > 0 ? _trace[^1] : Runner.Sample();
    public double Time => Runner.Time;
    public SprayController Core => Runner.Core;

    public static ControllerSettings Starting(string program, GasSource source = GasSource.Oxygen) =>
        ControllerSettings.Default with { StartupProgram = program, StartupGasSource = source };

    public Device PowerOn()
    {
        Runner.PowerSwitch(true);
        return this;
    }

    public Device Run(double seconds) => RunUntil(Runner.Time + seconds);

    public Device RunUntil(double time)
    {
        Runner.RunUntil(time, _trace.Add);
        return this;
    }

    /// <summary>Powers on and runs until the device is ready to spray with a charged bottle.</summary>
    public Device PowerOnAndCharge(double limitS = 15.0)
    {
        PowerOn();
        var deadline = Runner.Time + limitS;
        while (Runner.Time < deadline)
        {
            var sample = Runner.Tick();
            _trace.Add(sample);
            if (sample.State == DeviceState.Ready && sample.PBottleMpa >= sample.SetpointMpa - 0.03)
            {
                return this;
            }
        }

        Assert.Fail($"not ready with a charged bottle within {limitS} s; {Last.State}, bottle {Last.PBottleMpa:F3} MPa");
        return this;
    }

    /// <summary>Runs until the state is reached (or fails the test after the time limit).</summary>
    public Device RunUntilState(DeviceState state, double limitS)
    {
        var deadline = Runner.Time + limitS;
        while (Runner.Time < deadline)
        {
            var sample = Runner.Tick();
            _trace.Add(sample);
            if (sample.State == state)
            {
                return this;
            }
        }

        Assert.Fail($"state {state} not reached within {limitS} s; stuck in {Last.State} at {Last.TimeS:F3} s, alarms {Alarms(Last)}");
        return this;
    }

    public Device Tick()
    {
        _trace.Add(Runner.Tick());
        return this;
    }

    public Device Pedal(bool down)
    {
        Runner.Pedal(down);
        return this;
    }

    public Device Command(ControlCommand command)
    {
        Assert.True(Runner.Command(command), "command queue full");
        return this;
    }

    public Device Inject(FaultKind kind, FaultTarget target = FaultTarget.None, double value = 0)
    {
        Runner.Inject(new FaultSpec(kind, target, value));
        return this;
    }

    public IEnumerable<TraceSample> Between(double from, double to) => _trace.Where(s => s.TimeS >= from && s.TimeS <= to);

    public IEnumerable<ControlEvent> DrainEvents()
    {
        var events = new List<ControlEvent>();
        while (Runner.Events.TryRead(out var e))
        {
            events.Add(e);
        }

        return events;
    }

    public static string Alarms(TraceSample sample) =>
        string.Join(";", Enum.GetValues<AlarmCode>().Where(sample.HasAlarm));
}
