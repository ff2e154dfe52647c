namespace HydroOxygen.Simulator.Devices;

/// <summary>One I2C transfer as the <see cref="Ads1115Fake"/> saw it, for byte-level protocol tests.</summary>
/// <param name="Written">The bytes written (empty for a bare read).</param>
/// <param name="Read">The bytes returned (empty for a bare write).</param>
/// <param name="Nacked">Whether the chip refused it.</param>
public readonly record struct Ads1115FakeTransfer(byte[] Written, byte[] Read, bool Nacked);
