using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Simulation;
using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.Controller.Tests.Core;

/// <summary>
/// The supervisor's plain over-pressure trip (DESIGN §2.5: above 0.65 MPa for 3 samples). The core
/// is brought to Ready on the simulated plant, then fed samples directly, with the manifold held
/// steady at its setpoint so that the regulator asks for nothing and the one-sample runaway path
/// (a manifold climbing past its reference) stays out of it: the bottle reading carries the excess.
/// </summary>
public sealed class OverPressureTripTests
{
    private const double Tick = 0.002;
    private readonly SimulationRunner _device;
    private ControlInputs _inputs;
    private long _sequence;

    public OverPressureTripTests()
    {
        _device = new SimulationRunner(ControllerSettings.Default, PlantParameters.Default, seed: 5);
        _device.PowerSwitch(true);
        for (var i = 0; i < 10_000 && !(_device.Core.Status.State == DeviceState.Ready && _device.Cycle.LastInputs.PBottle.Mpa > 0.40); i++)
        {
            _device.Tick();
        }

        Assert.Equal(DeviceState.Ready, _device.Core.Status.State);
        _inputs = _device.Cycle.LastInputs;
        _sequence = Math.Max(_inputs.POut.Sequence, _inputs.PBottle.Sequence);
    }

    [Fact]
    public void Two_samples_above_the_trip_do_not_trip_and_three_do()
    {
        RampBottleTo(0.64);
        Step(0.66);
        Step(0.66);
        Assert.False(Latched(AlarmCode.OverPressure), "tripped on two samples");

        Step(0.64);
        Step(0.66);
        Step(0.66);
        Assert.False(Latched(AlarmCode.OverPressure), "the count was not reset by a sample below the trip");
        Assert.Equal(DeviceState.Ready, _device.Core.Status.State);

        var outputs = Step(0.66);

        Assert.True(Latched(AlarmCode.OverPressure), "not tripped on the third consecutive sample");
        Assert.Equal(DeviceState.Fault, _device.Core.Status.State);
        Assert.True(outputs.IsSafe, $"outputs not safe after the trip: {outputs}");
        Assert.False(Latched(AlarmCode.SensorFault), "the ramp tripped the sensor checks instead");
    }

    [Fact]
    public void The_trip_stays_latched_in_Fault_after_the_pressure_falls_until_acknowledged()
    {
        RampBottleTo(0.64);
        Step(0.66);
        Step(0.66);
        Step(0.66);
        Assert.True(Latched(AlarmCode.OverPressure));

        for (var i = 0; i < 50; i++)
        {
            Step(0.64);
        }

        var alarm = _device.Core.Status.Alarms[(int)AlarmCode.OverPressure];
        Assert.True(alarm.Latched && !alarm.Active && !alarm.Acknowledged);
        Assert.Equal(DeviceState.Fault, _device.Core.Status.State);

        Step(0.64, ControlCommand.AcknowledgeAlarms());

        Assert.False(Latched(AlarmCode.OverPressure));
    }

    private void RampBottleTo(double mpa)
    {
        // Within the bottle transducer's slew limit (20 MPa/s, 0.04 MPa a tick).
        var bottle = _inputs.PBottle.Mpa;
        while (bottle < mpa)
        {
            bottle = Math.Min(mpa, bottle + 0.02);
            Step(bottle);
        }
    }

    private ControlOutputs Step(double bottleMpa, params ControlCommand[] commands)
    {
        _sequence++;
        _inputs = _inputs with
        {
            Time = _inputs.Time + Tick,
            POut = _inputs.POut with { Sequence = _sequence },
            PBottle = _inputs.PBottle with { Mpa = bottleMpa, RawMpa = bottleMpa, Sequence = _sequence },
            PSrc = _inputs.PSrc with { Sequence = _sequence },
        };
        return _device.Core.Step(in _inputs, commands);
    }

    private bool Latched(AlarmCode code) => _device.Core.Status.Alarms[(int)code].Latched;
}
