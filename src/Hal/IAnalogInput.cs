namespace HydroOxygen.Hal;

/// <summary>A single-ended analog input channel (an ADC channel against ground).</summary>
public interface IAnalogInput
{
    /// <summary>The latest conversion. Never throws: bus trouble comes back as a status.</summary>
    AnalogSample Read();
}
