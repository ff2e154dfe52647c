namespace HydroOxygen.Hal.RaspberryPi;

/// <summary>An ADS1115 in continuous mode seen as the HAL's analog input.</summary>
internal sealed class Ads1115ContinuousInput(Ads1115 adc) : IAnalogInput
{
    public AnalogSample Read() => adc.ReadLatest();
}
