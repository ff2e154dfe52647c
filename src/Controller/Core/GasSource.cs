namespace HydroOxygen.Controller.Core;

/// <summary>Which gas feeds the source line.</summary>
public enum GasSource : byte
{
    /// <summary>Not chosen yet: the device waits in <see cref="DeviceState.Idle"/>.</summary>
    None = 0,

    /// <summary>Medical oxygen from the cylinder (required for acne treatment).</summary>
    Oxygen,

    /// <summary>The device's own compressed air.</summary>
    Compressor,
}
