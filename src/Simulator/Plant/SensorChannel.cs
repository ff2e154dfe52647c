namespace HydroOxygen.Simulator.Plant;

/// <summary>The plant's pressure transducers.</summary>
public enum SensorChannel : byte
{
    POut,
    PBottle,
    PSrc,
}
