using HydroOxygen.Simulator.Devices;
using HydroOxygen.Simulator.Plant;
using Microsoft.Extensions.Logging;

namespace HydroOxygen.Controller.Api;

/// <summary>
/// A tester's hands on the simulated device: the foot pedal, the power switch and fault injection.
/// Everything reaches the plant through <see cref="ISimulatedDevice.Post"/>, applied at the start of
/// the next tick; nothing here touches the plant directly.
/// </summary>
/// <remarks>
/// The pedal can be held on a lease: pressed, it is released by itself unless pressed again within
/// the lease. The dashboard's hold-to-spray button renews it while held, so a closed tab, a lost
/// connection or a sleeping laptop cannot leave the virtual foot on the pedal — the same dead-man
/// rule the real pedal obeys.
/// </remarks>
public sealed class SimulatorControls(ISimulatedDevice device, TimeProvider clock, bool powerOnAtStart, ILogger<SimulatorControls> logger) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly List<FaultSpec> _injected = [];
    private ITimer? _lease;
    private long _leaseGeneration;
    private bool _pedalDown;
    private bool _powerOn = powerOnAtStart;

    public bool PedalDown
    {
        get
        {
            lock (_lock)
            {
                return _pedalDown;
            }
        }
    }

    /// <summary>Presses or releases the pedal; a press with a lease releases itself when the lease runs out.</summary>
    public void Pedal(bool down, TimeSpan? lease)
    {
        lock (_lock)
        {
            _lease?.Dispose();
            _lease = null;

            // A callback of a replaced lease may already be running; the generation tells it so.
            var generation = ++_leaseGeneration;
            if (down && lease is { } span)
            {
                _lease = clock.CreateTimer(_ => LeaseExpired(generation), null, span, Timeout.InfiniteTimeSpan);
            }

            if (down != _pedalDown)
            {
                device.Post(PlantCommand.Pedal(down));
                _pedalDown = down;
            }
        }
    }

    public void Power(bool on)
    {
        lock (_lock)
        {
            device.Post(PlantCommand.PowerSwitch(on));
            _powerOn = on;
        }
    }

    public bool PowerOn
    {
        get
        {
            lock (_lock)
            {
                return _powerOn;
            }
        }
    }

    /// <summary>Injects a fault the caller has validated (<see cref="FaultSpec.Problem"/> is null, not a loop stall).</summary>
    public void Inject(FaultSpec fault)
    {
        lock (_lock)
        {
            device.Post(PlantCommand.Inject(fault));
            _injected.RemoveAll(f => f.Kind == fault.Kind && f.Target == fault.Target);
            _injected.Add(fault);
        }

        logger.LogWarning("Tester injected fault {Fault} {Target} {Value}", FaultNames.ToName(fault.Kind), FaultNames.ToName(fault.Target), fault.Value);
    }

    /// <summary>Clears a fault (with no target: every fault of that kind).</summary>
    public void Clear(FaultKind kind, FaultTarget target)
    {
        lock (_lock)
        {
            device.Post(PlantCommand.Clear(kind, target));
            _injected.RemoveAll(f => f.Kind == kind && (target == FaultTarget.None || f.Target == target));
        }

        logger.LogWarning("Tester cleared fault {Fault} {Target}", FaultNames.ToName(kind), FaultNames.ToName(target));
    }

    /// <summary>The faults injected here and not cleared since (a scenario's or the plant's own are not known here).</summary>
    public IReadOnlyList<FaultSpec> Injected
    {
        get
        {
            lock (_lock)
            {
                return [.. _injected];
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _lease?.Dispose();
            _lease = null;
        }
    }

    private void LeaseExpired(long generation)
    {
        lock (_lock)
        {
            if (generation != _leaseGeneration || !_pedalDown)
            {
                return;
            }

            _lease?.Dispose();
            _lease = null;
            device.Post(PlantCommand.Pedal(false));
            _pedalDown = false;
        }

        logger.LogWarning("Virtual pedal released: its hold was not renewed in time");
    }
}
