using System.Device.Gpio;
using HydroOxygen.Hal;
using HydroOxygen.Hal.RaspberryPi;
using HydroOxygen.Simulator.Devices;
using HydroOxygen.Simulator.Plant;
using HydroOxygen.Simulator.Tests.Adc;

namespace HydroOxygen.Simulator.Tests.Devices;

/// <summary>
/// The edge timestamps of a GPIO input, through the plant's GPIO driver: each press and release is
/// stamped with the time provider's clock at the moment the driver reports it.
/// </summary>
public sealed class GpioInputEdgeTests : IDisposable
{
    private const int FootSwitchPin = 17;

    private readonly SprayPlant _plant = new(PlantParameters.Default);
    private readonly ManualClock _clock = new();
    private readonly PlantGpioDriver _driver;
    private readonly GpioController _gpio;

    public GpioInputEdgeTests()
    {
        _driver = new PlantGpioDriver(_plant, [new PinWiring(FootSwitchPin, BoardChannel.FootSwitch, ActiveLow: true)]);
        _gpio = new GpioController(_driver);
    }

    [Fact]
    public void A_press_and_a_release_each_carry_the_time_they_were_reported()
    {
        using var input = new GpioInput(_gpio, FootSwitchPin, activeLow: true, InputBias.PullUp, _clock);
        Assert.Equal(0, input.LastEdgeTimestamp);

        _clock.AdvanceMilliseconds(120);
        _plant.FootSwitch.Press(true, _plant.Time);
        var pressedAt = _clock.GetTimestamp();
        _clock.AdvanceMilliseconds(0.25); // the driver's event thread gets to it a little later
        var pressReported = _clock.GetTimestamp();
        _driver.PollEdges();

        // Active-low: the pin falls when the pedal closes to ground, and that is the active edge.
        Assert.Equal(pressReported, input.LastEdgeTimestamp);
        Assert.NotEqual(pressedAt, input.LastEdgeTimestamp);
        Assert.True(input.LastEdgeActive);
        Assert.True(input.Read());

        // No change, no edge: the timestamp stays that of the press.
        _clock.AdvanceMilliseconds(500);
        _driver.PollEdges();
        Assert.Equal(pressReported, input.LastEdgeTimestamp);

        _plant.FootSwitch.Press(false, _plant.Time);
        var releaseReported = _clock.GetTimestamp();
        _driver.PollEdges();

        Assert.Equal(releaseReported, input.LastEdgeTimestamp);
        Assert.Equal(TimeSpan.FromMilliseconds(500), _clock.GetElapsedTime(pressReported, input.LastEdgeTimestamp));
        Assert.False(input.LastEdgeActive);
        Assert.False(input.Read());
    }

    [Fact]
    public void Without_edge_timestamping_and_after_dispose_no_edge_is_recorded()
    {
        using (var untimed = new GpioInput(_gpio, FootSwitchPin, activeLow: true, InputBias.PullUp, _clock, timestampEdges: false))
        {
            _clock.AdvanceMilliseconds(10);
            _plant.FootSwitch.Press(true, _plant.Time);
            _driver.PollEdges();
            Assert.Equal(0, untimed.LastEdgeTimestamp);
            Assert.True(untimed.Read());
        }

        _gpio.ClosePin(FootSwitchPin);
        var input = new GpioInput(_gpio, FootSwitchPin, activeLow: true, InputBias.PullUp, _clock);
        input.Dispose();
        _clock.AdvanceMilliseconds(10);
        _plant.FootSwitch.Press(false, _plant.Time);
        _driver.PollEdges();

        Assert.Equal(0, input.LastEdgeTimestamp);
    }

    public void Dispose() => _gpio.Dispose();
}
