namespace HydroOxygen.Hal;

/// <summary>Why an analog conversion did or did not produce a usable voltage.</summary>
public enum AnalogStatus : byte
{
    Ok = 0,

    /// <summary>The converter did not acknowledge on the bus (I2C NACK, bus error).</summary>
    BusError,

    /// <summary>The conversion did not finish by its deadline (busy bit stuck).</summary>
    Timeout,

    /// <summary>No conversion has completed yet since start-up.</summary>
    NotReady,

    /// <summary>
    /// The converter no longer holds the configuration it was given — it reset (a supply dip) or
    /// was disturbed — so its results cannot be trusted until it has been reconfigured.
    /// </summary>
    ConfigurationLost,
}

/// <summary>One voltage conversion and the moment it was taken.</summary>
/// <param name="Volts">The converted voltage; meaningful only when <paramref name="Status"/> is Ok.</param>
/// <param name="Timestamp">When the conversion completed, in <see cref="TimeProvider.GetTimestamp"/> units.</param>
/// <param name="Sequence">Increments with every fresh conversion, so a reader can tell a stale value from a new one.</param>
public readonly record struct AnalogSample(double Volts, AnalogStatus Status, long Timestamp, long Sequence)
{
    public bool IsOk => Status == AnalogStatus.Ok;
}
