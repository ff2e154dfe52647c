namespace HydroOxygen.Hal;

/// <summary>
/// A switch input (foot switch, power switch, liquid-level switch), already translated to its
/// logical meaning: <c>true</c> means pressed / on / liquid present, whatever the wiring polarity.
/// </summary>
public interface IDigitalInput
{
    /// <summary>The raw (not debounced) logical level now. Debouncing is the controller's job.</summary>
    bool Read();
}
