namespace HydroOxygen.Simulator.Plant;

/// <summary>The coils and motor the controller drives (the inlet valve's PWM is separate).</summary>
public enum PlantCoil : byte
{
    OxygenSourceValve,
    CompressorSourceValve,
    VentValve,
    ChargeValve,
    SprayValve,
    Compressor,
}
