using HydroOxygen.Simulator.Physics;

namespace HydroOxygen.Simulator.Plant;

/// <summary>Fault injection (DESIGN §3.1): what each fault does to the plant's parts, and how it is repaired.</summary>
public sealed partial class SprayPlant
{
    private readonly List<FaultSpec> _faults = [];

    public IReadOnlyList<FaultSpec> ActiveFaults => _faults;

    public bool OutletAdcNack { get; private set; }
    public bool MultiplexedAdcNack { get; private set; }

    /// <summary>Injects a fault into the plant. Throws an <see cref="ArgumentException"/> naming the problem for a malformed one.</summary>
    public void Inject(FaultSpec fault)
    {
        if (fault.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(fault));
        }

        switch (fault.Kind)
        {
            case FaultKind.InletStuckOpen: _inlet.StuckOpen = true; break;
            case FaultKind.InletStuckClosed: _inlet.StuckOpen = false; break;
            case FaultKind.VentStuckClosed: _solenoids[(int)PlantCoil.VentValve].StuckOpen = false; break;
            case FaultKind.SprayStuckOpen: _solenoids[(int)PlantCoil.SprayValve].StuckOpen = true; break;
            case FaultKind.SensorStuck:
                ref var stuck = ref _sensors[(int)ToSensor(fault.Target)];
                stuck.StuckVolts = stuck.Volts;
                break;
            case FaultKind.SensorDisconnected: _sensors[(int)ToSensor(fault.Target)].Disconnected = true; break;
            case FaultKind.SensorDrift: _sensors[(int)ToSensor(fault.Target)].DriftPa = Gas.MegapascalsToPascals(fault.Value); break;
            case FaultKind.Leak: _topology.Set(LeakPath(fault.Target), Gas.ConductanceSi(fault.Value)); break;
            case FaultKind.SupplyEmpty: Cylinder.Empty(); break;
            case FaultKind.CompressorFailed: Compressor.Failed = true; break;
            case FaultKind.NozzleClogged: _nozzleClogged = true; break;
            case FaultKind.LiquidEmpty:
                // The liquid drains away over a short time and no gas appears from nowhere: a
                // pressurised headspace expands into the whole bottle along the chamber's polytrope
                // and P_bottle falls (unless the charge valve makes up the difference); an
                // unpressurised one draws air back in from outside rather than fall into a vacuum.
                _drainMlPerS = _liquidMl / (_parameters.LiquidEmptyDrainMs / 1000.0);
                _topology.Set(PlantPath.DrainAirIn, open: true);
                break;
            case FaultKind.PedalStuck: FootSwitch.Stuck = true; break;
            case FaultKind.PedalBounce: FootSwitch.Bouncy = true; break;
            case FaultKind.AdcNack: SetAdcNack(fault.Target, true); break;
            case FaultKind.LoopStall:
                throw new ArgumentException("loop_stall stalls the control loop, not the plant; the loop runner applies it.", nameof(fault));
            default:
                throw new ArgumentOutOfRangeException(nameof(fault), fault.Kind, "Unknown fault.");
        }

        _faults.RemoveAll(f => f.Kind == fault.Kind && f.Target == fault.Target);
        _faults.Add(fault);
    }

    /// <summary>
    /// Clears a fault: the part is repaired or replaced. Clearing <c>supply_empty</c> fits a full
    /// cylinder and clearing <c>liquid_empty</c> refills the bottle to its starting volume.
    /// Returns false if the fault was not active.
    /// </summary>
    public bool Clear(FaultKind kind, FaultTarget target = FaultTarget.None)
    {
        var index = _faults.FindIndex(f => f.Kind == kind && (target == FaultTarget.None || f.Target == target));
        if (index < 0)
        {
            return false;
        }

        var fault = _faults[index];
        _faults.RemoveAt(index);
        switch (kind)
        {
            case FaultKind.InletStuckOpen or FaultKind.InletStuckClosed:
                // The spool obeys whichever stuck fault is still in force, if any.
                var remaining = _faults.FindLastIndex(f => f.Kind is FaultKind.InletStuckOpen or FaultKind.InletStuckClosed);
                _inlet.StuckOpen = remaining < 0 ? null : _faults[remaining].Kind == FaultKind.InletStuckOpen;
                break;
            case FaultKind.VentStuckClosed: _solenoids[(int)PlantCoil.VentValve].StuckOpen = null; break;
            case FaultKind.SprayStuckOpen: _solenoids[(int)PlantCoil.SprayValve].StuckOpen = null; break;
            case FaultKind.SensorStuck: _sensors[(int)ToSensor(fault.Target)].StuckVolts = null; break;
            case FaultKind.SensorDisconnected: _sensors[(int)ToSensor(fault.Target)].Disconnected = false; break;
            case FaultKind.SensorDrift: _sensors[(int)ToSensor(fault.Target)].DriftPa = 0.0; break;
            case FaultKind.Leak: _topology.Set(LeakPath(fault.Target), 0.0); break;
            case FaultKind.SupplyEmpty: Cylinder.Replace(); break;
            case FaultKind.CompressorFailed: Compressor.Failed = false; break;
            case FaultKind.NozzleClogged: _nozzleClogged = false; break;
            case FaultKind.LiquidEmpty:
                StopDrain();
                _liquidMl = _parameters.LiquidMl;
                _network.ResetVolume((int)PlantNode.Bottle, PlantTopology.HeadspaceM3(_parameters, _liquidMl));
                break;
            case FaultKind.PedalStuck: FootSwitch.Stuck = false; break;
            case FaultKind.PedalBounce: FootSwitch.Bouncy = false; break;
            case FaultKind.AdcNack: SetAdcNack(fault.Target, false); break;
        }

        return true;
    }

    private void StopDrain()
    {
        _drainMlPerS = 0.0;
        _topology.Set(PlantPath.DrainAirIn, open: false);
    }

    private void SetAdcNack(FaultTarget target, bool nack)
    {
        if (target is FaultTarget.None or FaultTarget.POut)
        {
            OutletAdcNack = nack;
        }

        if (target is FaultTarget.None or FaultTarget.PBottle or FaultTarget.PSrc)
        {
            MultiplexedAdcNack = nack;
        }
    }

    private static SensorChannel ToSensor(FaultTarget target) => target switch
    {
        FaultTarget.POut => SensorChannel.POut,
        FaultTarget.PBottle => SensorChannel.PBottle,
        FaultTarget.PSrc => SensorChannel.PSrc,
        _ => throw new ArgumentOutOfRangeException(nameof(target), target, "Not a sensor."),
    };

    private static PlantPath LeakPath(FaultTarget target) => target switch
    {
        FaultTarget.Manifold => PlantPath.ManifoldLeak,
        FaultTarget.Bottle => PlantPath.BottleLeak,
        _ => throw new ArgumentOutOfRangeException(nameof(target), target, "Leaks are in the manifold or the bottle."),
    };
}
