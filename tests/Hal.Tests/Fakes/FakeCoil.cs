using HydroOxygen.Hal;

namespace HydroOxygen.Hal.Tests.Fakes;

/// <summary>A coil output that remembers every level written to it.</summary>
internal sealed class FakeCoil : IDigitalOutput
{
    public List<bool> Writes { get; } = [];

    public bool IsEnergized { get; private set; }

    public void Write(bool energized)
    {
        Writes.Add(energized);
        IsEnergized = energized;
    }
}
