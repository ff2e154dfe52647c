using HydroOxygen.Hal;

namespace HydroOxygen.Hal.Tests.Fakes;

/// <summary>An analog input that returns whatever sample the test last put into it.</summary>
internal sealed class FakeAnalogInput : IAnalogInput
{
    private long _sequence;

    public AnalogSample Next { get; set; }

    public int Reads { get; private set; }

    public void SetVolts(double volts) => Next = new AnalogSample(volts, AnalogStatus.Ok, 1_000 + _sequence, ++_sequence);

    public void SetStatus(AnalogStatus status) => Next = new AnalogSample(double.NaN, status, 1_000 + _sequence, ++_sequence);

    public AnalogSample Read()
    {
        Reads++;
        return Next;
    }
}
