using System.Device.Pwm;
using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.Simulator.Devices;

/// <summary>A hardware PWM channel whose output drives the plant's inlet valve.</summary>
public sealed class PlantPwmChannel(SprayPlant plant, int frequencyHz) : PwmChannel
{
    private double _dutyCycle;
    private bool _running;

    public override int Frequency
    {
        get => frequencyHz;
        set => frequencyHz = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "PWM frequency must be positive.");
    }

    public override double DutyCycle
    {
        get => _dutyCycle;
        set
        {
            _dutyCycle = value is >= 0.0 and <= 1.0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Duty cycle must be within 0–1.");
            Apply();
        }
    }

    public override void Start()
    {
        _running = true;
        Apply();
    }

    public override void Stop()
    {
        _running = false;
        Apply();
    }

    protected override void Dispose(bool disposing)
    {
        _running = false;
        Apply();
        base.Dispose(disposing);
    }

    private void Apply() => plant.SetInletDuty(_running ? _dutyCycle : 0.0);
}
