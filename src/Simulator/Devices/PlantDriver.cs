using System.Collections.Concurrent;
using HydroOxygen.Simulator.Plant;

namespace HydroOxygen.Simulator.Devices;

/// <summary>
/// Keeps a plant in step with a clock: at each tick it applies the testers' queued actions, then
/// advances the plant to the tick's instant. The plant is only ever touched on the thread that
/// calls <see cref="AdvanceTo"/> (the control loop), so the same code serves real and virtual time
/// without locks; other threads go through <see cref="Post"/>.
/// </summary>
public sealed class PlantDriver
{
    private readonly TimeProvider _clock;
    private readonly long _origin;
    private readonly ConcurrentQueue<PlantCommand> _commands = new();

    public PlantDriver(SprayPlant plant, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(plant);
        ArgumentNullException.ThrowIfNull(clock);
        Plant = plant;
        _clock = clock;
        _origin = clock.GetTimestamp() - (long)(plant.Time * clock.TimestampFrequency);
    }

    public SprayPlant Plant { get; }

    /// <summary>Queues a tester's action; it takes effect at the start of the next tick. Thread-safe.</summary>
    public void Post(PlantCommand command)
    {
        if (command.Kind == PlantCommandKind.InjectFault && command.Fault.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(command));
        }

        _commands.Enqueue(command);
    }

    /// <summary>Applies the queued actions and advances the plant to <paramref name="timestamp"/>.</summary>
    public void AdvanceTo(long timestamp)
    {
        while (_commands.TryDequeue(out var command))
        {
            Apply(command);
        }

        Plant.AdvanceTo((double)(timestamp - _origin) / _clock.TimestampFrequency);
    }

    /// <summary>The <see cref="TimeProvider"/> timestamp of a plant time.</summary>
    public long ToTimestamp(double plantSeconds) => _origin + (long)(plantSeconds * _clock.TimestampFrequency);

    private void Apply(PlantCommand command)
    {
        switch (command.Kind)
        {
            case PlantCommandKind.Pedal:
                Plant.FootSwitch.Press(command.On, Plant.Time);
                break;
            case PlantCommandKind.PowerSwitch:
                Plant.PowerSwitchOn = command.On;
                break;
            case PlantCommandKind.InjectFault:
                Plant.Inject(command.Fault);
                break;
            case PlantCommandKind.ClearFault:
                Plant.Clear(command.Fault.Kind, command.Fault.Target);
                break;
        }
    }
}
