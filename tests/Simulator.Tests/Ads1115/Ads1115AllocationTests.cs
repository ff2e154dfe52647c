using HydroOxygen.Hal;
using HydroOxygen.Hal.RaspberryPi;
using HydroOxygen.Simulator.Devices;
using HydroOxygen.Simulator.Plant;
using HydroOxygen.Simulator.Tests.Support;

namespace HydroOxygen.Simulator.Tests.Adc;

/// <summary>The read paths run on the control tick: after warm-up they allocate nothing.</summary>
public class Ads1115AllocationTests
{
    [Fact]
    public void Scanner_polls_and_reads_allocate_nothing_after_warm_up()
    {
        using var rig = new AdcRig();
        var scanner = rig.Adc.CreateScanner(Ads1115InputMultiplexer.Ain0, Ads1115InputMultiplexer.Ain1);
        var bottle = scanner.Inputs[0];
        var source = scanner.Inputs[1];
        void Ticks(int count)
        {
            for (var i = 0; i < count; i++)
            {
                rig.Clock.AdvanceMilliseconds(2);
                scanner.Poll();
                bottle.Read();
                source.Read();
            }
        }

        Ticks(200);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Ticks(2_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(1_100, scanner.Latest(0).Sequence);
    }

    [Fact]
    public void Continuous_reads_allocate_nothing_after_warm_up()
    {
        using var rig = new AdcRig();
        rig.Adc.StartContinuous(Ads1115InputMultiplexer.Ain0);
        IAnalogInput input = rig.Adc;
        void Ticks(int count)
        {
            for (var i = 0; i < count; i++)
            {
                rig.Clock.AdvanceMilliseconds(2);
                input.Read();
            }
        }

        Ticks(200);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Ticks(2_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(2_199, input.Read().Sequence); // every read fresh but the first, before a conversion was certain
    }

    [Fact]
    public void Driving_the_plant_wired_fakes_allocates_nothing_either()
    {
        // So the real driver stack can run in the simulator's loop without garbage.
        var plant = new SprayPlant(PlantTestExtensions.Quiet);
        var clock = new VirtualClock();
        using var outlet = new Ads1115(Ads1115Fake.ForPlant(plant, outletChip: true), clock);
        using var multiplexed = new Ads1115(Ads1115Fake.ForPlant(plant, outletChip: false), clock);
        outlet.StartContinuous(Ads1115InputMultiplexer.Ain0);
        var scanner = multiplexed.CreateScanner(Ads1115InputMultiplexer.Ain0, Ads1115InputMultiplexer.Ain1);
        void Ticks(int count)
        {
            for (var i = 0; i < count; i++)
            {
                clock.Advance(TimeSpan.FromMilliseconds(2));
                plant.AdvanceTo(clock.Elapsed.TotalSeconds);
                scanner.Poll();
                outlet.ReadLatest();
            }
        }

        Ticks(200);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Ticks(1_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }
}
