using HydroOxygen.Hal;
using HydroOxygen.Hal.RaspberryPi;
using HydroOxygen.Simulator.Devices;
using HydroOxygen.Simulator.Plant;
using HydroOxygen.Simulator.Tests.Support;

namespace HydroOxygen.Simulator.Tests.Adc;

/// <summary>The fakes wired to the plant: the real driver stack reading the simulated transducers.</summary>
public class Ads1115PlantWiringTests
{
    private const double Lsb = 6.144 / 32768;

    [Fact]
    public void The_outlet_chip_reads_P_out_on_AIN0_in_continuous_mode()
    {
        var rig = new PlantRig(PlantTestExtensions.Quiet);

        rig.Tick(50);

        var sample = rig.Outlet.ReadLatest();
        Assert.Equal(AnalogStatus.Ok, sample.Status);
        Assert.Equal(rig.Plant.SensorVolts(SensorChannel.POut), sample.Volts, (Lsb / 2) + 1e-12);
        Assert.Equal(Ads1115Fake.OutletChipAddress, rig.Outlet.DeviceAddress);
    }

    [Fact]
    public void The_multiplexed_chip_reads_P_bottle_on_AIN0_and_P_src_on_AIN1()
    {
        var rig = new PlantRig(PlantTestExtensions.Quiet with { InitialBottleMpa = 0.45 });

        rig.Tick(50);

        Assert.Equal(rig.Plant.SensorVolts(SensorChannel.PBottle), rig.Scanner.Latest(0).Volts, (Lsb / 2) + 1e-12);
        Assert.Equal(rig.Plant.SensorVolts(SensorChannel.PSrc), rig.Scanner.Latest(1).Volts, (Lsb / 2) + 1e-12);
        var transducer = new RatiometricTransducer(rig.Scanner.Inputs[0], TransducerSpec.Default);
        Assert.Equal(0.45, transducer.Read().Pressure.Megapascals, 0.0001);
        Assert.Equal(Ads1115Fake.MultiplexedChipAddress, rig.Multiplexed.DeviceAddress);
    }

    [Fact]
    public void Noise_is_drawn_once_per_conversion_however_often_the_registers_are_read()
    {
        // Two identical plants; one rig's chips are also read over and over between conversions.
        var quiet = new PlantRig(PlantParameters.Default, seed: 5);
        var busy = new PlantRig(PlantParameters.Default, seed: 5);
        var quietValues = new List<double>();
        var busyValues = new List<double>();

        for (var i = 0; i < 500; i++)
        {
            quiet.Tick(1);
            busy.Tick(1);
            for (var extra = 0; extra < 5; extra++)
            {
                // Bare reads over the bus (they leave the pointer where the driver expects it) and
                // direct looks at the registers.
                busy.OutletChip.Read(new byte[2]);
                busy.MultiplexedChip.Read(new byte[2]);
                _ = busy.OutletChip.ConversionRegister;
                _ = busy.MultiplexedChip.ConfigRegister;
            }

            quietValues.Add(quiet.Outlet.ReadLatest().Volts);
            quietValues.Add(quiet.Scanner.Latest(0).Volts);
            busyValues.Add(busy.Outlet.ReadLatest().Volts);
            busyValues.Add(busy.Scanner.Latest(0).Volts);
        }

        Assert.Equal(quietValues, busyValues);
    }

    [Fact]
    public void With_noise_on_a_conversion_reads_the_same_every_time_until_the_next_one()
    {
        var rig = new PlantRig(PlantParameters.Default, seed: 3);
        rig.Tick(20);

        var first = rig.OutletChip.ConversionRegister;

        Assert.Equal(first, rig.OutletChip.ConversionRegister);
        Assert.Equal(first, rig.OutletChip.ConversionRegister);
    }

    [Fact]
    public void The_noise_reaches_the_readings_at_its_set_level()
    {
        // 1 kPa RMS at 4 V/MPa is 4 mV RMS, about 21 codes at ±6.144 V.
        var rig = new PlantRig(PlantParameters.Default, seed: 9);
        rig.Tick(10);
        var values = new List<double>();

        for (var i = 0; i < 2_000; i++)
        {
            rig.Tick(1);
            values.Add(rig.Outlet.ReadLatest().Volts);
        }

        var mean = values.Average();
        var rms = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count);
        Assert.InRange(rms, 0.0035, 0.0045);
    }

    [Fact]
    public void The_plant_nack_faults_drive_each_chip_and_the_driver_recovers_when_cleared()
    {
        var rig = new PlantRig(PlantTestExtensions.Quiet);
        rig.Tick(20);

        rig.Plant.Inject(new FaultSpec(FaultKind.AdcNack, FaultTarget.POut));
        rig.Tick(100);

        Assert.Equal(AnalogStatus.BusError, rig.Outlet.ReadLatest().Status);
        Assert.Equal(AnalogStatus.Ok, rig.Scanner.Latest(0).Status);

        rig.Plant.Inject(new FaultSpec(FaultKind.AdcNack, FaultTarget.PBottle));
        rig.Tick(100);
        Assert.Equal(AnalogStatus.BusError, rig.Scanner.Latest(0).Status);
        Assert.Equal(AnalogStatus.BusError, rig.Scanner.Latest(1).Status);

        Assert.True(rig.Plant.Clear(FaultKind.AdcNack));
        Assert.True(rig.Plant.Clear(FaultKind.AdcNack));
        rig.Tick(600);

        Assert.Equal(AnalogStatus.Ok, rig.Outlet.ReadLatest().Status);
        Assert.Equal(AnalogStatus.Ok, rig.Scanner.Latest(0).Status);
        Assert.Equal(AnalogStatus.Ok, rig.Scanner.Latest(1).Status);
        Assert.Equal(1, rig.Outlet.Recoveries);
        Assert.Equal(1, rig.Multiplexed.Recoveries);
    }

    /// <summary>A plant, both chips wired to it, their drivers, and the 2 ms tick of the control loop.</summary>
    private sealed class PlantRig
    {
        private readonly VirtualClock _clock = new();

        public PlantRig(PlantParameters parameters, int seed = 0)
        {
            Plant = new SprayPlant(parameters, seed);
            OutletChip = Ads1115Fake.ForPlant(Plant, outletChip: true);
            MultiplexedChip = Ads1115Fake.ForPlant(Plant, outletChip: false);
            Outlet = new Ads1115(OutletChip, _clock);
            Multiplexed = new Ads1115(MultiplexedChip, _clock);
            Outlet.StartContinuous(Ads1115InputMultiplexer.Ain0);
            Scanner = Multiplexed.CreateScanner(Ads1115InputMultiplexer.Ain0, Ads1115InputMultiplexer.Ain1);
        }

        public SprayPlant Plant { get; }
        public Ads1115Fake OutletChip { get; }
        public Ads1115Fake MultiplexedChip { get; }
        public Ads1115 Outlet { get; }
        public Ads1115 Multiplexed { get; }
        public Ads1115Scanner Scanner { get; }

        public void Tick(int ticks)
        {
            for (var i = 0; i < ticks; i++)
            {
                _clock.Advance(TimeSpan.FromMilliseconds(2));
                Plant.AdvanceTo(_clock.Elapsed.TotalSeconds);
                OutletChip.Advance();
                MultiplexedChip.Advance();
                Scanner.Poll();
                Outlet.ReadLatest();
            }
        }
    }
}
