namespace HydroOxygen.Hal.RaspberryPi;

/// <summary>One input of an <see cref="Ads1115Scanner"/> seen as the HAL's analog input: its latest sample.</summary>
internal sealed class Ads1115ScanInput(Ads1115Scanner scanner, int index) : IAnalogInput
{
    public AnalogSample Read() => scanner.Latest(index);
}
