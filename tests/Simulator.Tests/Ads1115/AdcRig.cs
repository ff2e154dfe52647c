using System.Device.I2c;
using HydroOxygen.Hal.RaspberryPi;
using HydroOxygen.Simulator.Devices;

namespace HydroOxygen.Simulator.Tests.Adc;

/// <summary>A driver on a fake chip, both on one manual clock, with the four input voltages settable.</summary>
internal sealed class AdcRig : IDisposable
{
    public AdcRig(
        Ads1115Gain gain = Ads1115Gain.FullScale6144mV,
        Ads1115DataRate rate = Ads1115DataRate.Sps860,
        Ads1115RecoveryPolicy? recovery = null,
        Func<I2cDevice>? reopenDevice = null)
    {
        Chip = new Ads1115Fake(() => Clock.Seconds, pin => Ain[pin]);
        Adc = new Ads1115(Chip, Clock, gain, rate, recovery, reopenDevice);
    }

    public ManualClock Clock { get; } = new();

    /// <summary>Volts on AIN0–AIN3 against ground.</summary>
    public double[] Ain { get; } = new double[4];

    public Ads1115Fake Chip { get; }

    public Ads1115 Adc { get; }

    /// <summary>Polls the scanner every 2 ms (the control loop's period) for <paramref name="ticks"/> ticks.</summary>
    public void PollEvery2Ms(Ads1115Scanner scanner, int ticks, Action? afterEachPoll = null)
    {
        for (var i = 0; i < ticks; i++)
        {
            Clock.AdvanceMilliseconds(2);
            scanner.Poll();
            afterEachPoll?.Invoke();
        }
    }

    /// <summary>Reads the continuous conversion every 2 ms for <paramref name="ticks"/> ticks.</summary>
    public void ReadEvery2Ms(int ticks, Action<HydroOxygen.Hal.AnalogSample>? each = null)
    {
        for (var i = 0; i < ticks; i++)
        {
            Clock.AdvanceMilliseconds(2);
            var sample = Adc.ReadLatest();
            each?.Invoke(sample);
        }
    }

    public void Dispose() => Adc.Dispose();
}
