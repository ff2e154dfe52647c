using HydroOxygen.Hal;
using HydroOxygen.Hal.RaspberryPi;
using HydroOxygen.Simulator.Devices;

namespace HydroOxygen.Controller.Hosting;

/// <summary>
/// Builds the board the configuration asks for — and only that one: a hardware backend that cannot
/// be opened is an error, never a reason to fall back to the simulator.
/// </summary>
public static class DeviceBoardFactory
{
    public static IDeviceBoard Create(DeviceOptions options, TimeProvider clock)
    {
        switch (options.Backend)
        {
            case DeviceBackend.Simulator:
                var board = SimulatedBoard.Create(options.Simulator.Plant, options.Simulator.Seed, clock);
                if (options.Simulator.PowerSwitchOnAtStart)
                {
                    board.Post(PlantCommand.PowerSwitch(true));
                }

                return board;
            case DeviceBackend.RaspberryPi:
                return RaspberryPiBoard.Open(options.RaspberryPi, new PiHardware(), clock);
            case DeviceBackend.SimulatedHardware:
                var stack = DriverStackBoard.Create(options.Simulator.Plant, options.Simulator.Seed, clock, options.RaspberryPi);
                if (options.Simulator.PowerSwitchOnAtStart)
                {
                    stack.Post(PlantCommand.PowerSwitch(true));
                }

                return stack;
            default:
                throw new DeviceUnavailableException($"Device:Backend '{options.Backend}' is not a known backend.");
        }
    }
}
