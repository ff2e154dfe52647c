using HydroOxygen.Simulator.Physics;

namespace HydroOxygen.Simulator.Plant;

/// <summary>
/// The pneumatics of DESIGN §1.2 as a physical model: oxygen cylinder and compressor, source line,
/// proportional inlet, manifold with vent and relief, nutrient bottle, spray valve, hose and nozzle,
/// the liquid feed, the transducers and the operator's switches.
/// </summary>
/// <remarks>
/// Time advances in fixed sub-steps (<see cref="PlantParameters.IntegrationStepMs"/>) counted as an
/// integer, so a run is bit-for-bit repeatable for a seed whatever the caller's tick. Actuator
/// commands take effect from the next sub-step, sensors are sampled lazily by whoever reads them.
/// </remarks>
public sealed class SprayPlant
{
    private const int Tank = 0;
    private const int SourceLine = 1;
    private const int Manifold = 2;
    private const int Hose = 3;
    private const int Bottle = 4;
    private const int Atmosphere = 5;
    private const int OxygenRegulator = 6;

    private const int OxygenSupplyPath = 0;
    private const int AirSupplyPath = 1;
    private const int InletPath = 2;
    private const int VentPath = 3;
    private const int ReliefPath = 4;
    private const int ChargePath = 5;
    private const int SprayPath = 6;
    private const int NozzlePath = 7;
    private const int ManifoldLeakPath = 8;
    private const int BottleLeakPath = 9;
    private const int TankReliefPath = 10;
    private const int DrainAirInPath = 11;

    private readonly PlantParameters _parameters;
    private readonly PneumaticNetwork _network;
    private readonly double _step;
    private readonly double _ambientPa;
    private readonly SolenoidActuator[] _solenoids = new SolenoidActuator[5];
    private readonly PressureTransducerModel[] _sensors = new PressureTransducerModel[3];
    private readonly Random _noise;
    private readonly double _noiseVolts;
    private readonly List<FaultSpec> _faults = [];
    private readonly double _oxygenSupplyC;
    private readonly double _airSupplyC;
    private readonly double _inletC;
    private readonly double _ventC;
    private readonly double _chargeC;
    private readonly double _sprayC;
    private readonly double _nozzleC;
    private readonly double _mistMinFlow;
    private ProportionalActuator _inlet;
    private long _steps;
    private double _liquidMl;
    private double _feedMlPerMin;
    private double _drainMlPerS;
    private double _outflowMlPerS;
    private bool _nozzleClogged;

    public SprayPlant(PlantParameters parameters, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        _parameters = parameters;
        _step = parameters.IntegrationStepMs / 1000.0;
        _ambientPa = Gas.MegapascalsToPascals(parameters.AmbientMpaAbs);
        _noise = new Random(seed);
        Cylinder = new OxygenCylinder(parameters);
        Compressor = new CompressorUnit(parameters, _step);
        FootSwitch = new FootSwitchModel(parameters.PedalBounceMs / 1000.0, unchecked(seed + 1));
        _liquidMl = parameters.LiquidMl;

        _oxygenSupplyC = Gas.ConductanceSi(parameters.OxygenSupplyC);
        _airSupplyC = Gas.ConductanceSi(parameters.AirSupplyC);
        _inletC = Gas.ConductanceSi(parameters.InletC);
        _ventC = Gas.ConductanceSi(parameters.VentC);
        _chargeC = Gas.ConductanceSi(parameters.ChargeC);
        _sprayC = Gas.ConductanceSi(parameters.SprayC);
        _nozzleC = Gas.ConductanceSi(parameters.NozzleC);
        _mistMinFlow = Gas.FromLitresPerMinute(parameters.MistMinGasLpm);

        ReadOnlySpan<double> volumes =
        [
            parameters.TankMl * 1e-6,
            parameters.SourceLineMl * 1e-6,
            parameters.ManifoldMl * 1e-6,
            parameters.HoseMl * 1e-6,
            (parameters.BottleMl - parameters.LiquidMl) * 1e-6,
        ];
        ReadOnlySpan<double> boundaries = [_ambientPa, _ambientPa + Gas.MegapascalsToPascals(Cylinder.OutletMpa)];
        ReadOnlySpan<FlowPath> paths =
        [
            FlowPath.Restriction(OxygenRegulator, SourceLine, 0.3, oneWay: true),
            FlowPath.Restriction(Tank, SourceLine, 0.3),
            FlowPath.Restriction(SourceLine, Manifold, parameters.InletB),
            FlowPath.Restriction(Manifold, Atmosphere, parameters.VentB),
            FlowPath.Relief(Manifold, Atmosphere, Gas.ConductanceSi(parameters.ReliefC), 0.3,
                Gas.MegapascalsToPascals(parameters.ReliefMpa), Gas.MegapascalsToPascals(parameters.ReliefBandMpa)),
            FlowPath.Restriction(Manifold, Bottle, parameters.ChargeB),
            FlowPath.Restriction(Manifold, Hose, parameters.SprayB),
            FlowPath.Restriction(Hose, Atmosphere, parameters.NozzleB),
            FlowPath.Restriction(Manifold, Atmosphere, 0.3),
            FlowPath.Restriction(Bottle, Atmosphere, 0.3),
            FlowPath.Relief(Tank, Atmosphere, Gas.ConductanceSi(parameters.TankReliefC), 0.3,
                Gas.MegapascalsToPascals(parameters.TankReliefMpa), Gas.MegapascalsToPascals(parameters.ReliefBandMpa)),
            FlowPath.Restriction(Atmosphere, Bottle, 0.3, oneWay: true),
        ];
        _network = new PneumaticNetwork(volumes, boundaries, paths, parameters.GasTemperatureK, parameters.PolytropicExponent, _ambientPa);
        _network.SetPressure(Tank, _ambientPa + Gas.MegapascalsToPascals(parameters.InitialTankMpa));
        _network.SetPressure(Bottle, _ambientPa + Gas.MegapascalsToPascals(parameters.InitialBottleMpa));

        var onDelay = parameters.SolenoidOnDelayMs / 1000.0;
        var offDelay = parameters.SolenoidOffDelayMs / 1000.0;
        _solenoids[(int)PlantCoil.OxygenSourceValve] = SolenoidActuator.Create(false, onDelay, offDelay);
        _solenoids[(int)PlantCoil.CompressorSourceValve] = SolenoidActuator.Create(false, onDelay, offDelay);
        _solenoids[(int)PlantCoil.VentValve] = SolenoidActuator.Create(true, onDelay, offDelay);
        _solenoids[(int)PlantCoil.ChargeValve] = SolenoidActuator.Create(false, onDelay, offDelay);
        _solenoids[(int)PlantCoil.SprayValve] = SolenoidActuator.Create(false, onDelay, offDelay);
        _inlet = new ProportionalActuator { StepBlend = 1.0 - Math.Exp(-parameters.IntegrationStepMs / parameters.InletTauMs) };

        var spanVolts = parameters.SensorSupplyVolts * 0.8;
        var fullScalePa = Gas.MegapascalsToPascals(parameters.SensorFullScaleMpa);
        _noiseVolts = parameters.SensorNoiseKpa * 1000.0 * spanVolts / fullScalePa;
        _sensors[(int)SensorChannel.POut] = Transducer(parameters.POutOffsetMpa, parameters.POutGainError);
        _sensors[(int)SensorChannel.PBottle] = Transducer(parameters.PBottleOffsetMpa, parameters.PBottleGainError);
        _sensors[(int)SensorChannel.PSrc] = Transducer(parameters.PSrcOffsetMpa, parameters.PSrcGainError);
        for (var i = 0; i < _sensors.Length; i++)
        {
            _sensors[i].SensedPa = GaugePa(SensorNode((SensorChannel)i));
        }

        PressureTransducerModel Transducer(double offsetMpa, double gainError) => new()
        {
            StepBlend = 1.0 - Math.Exp(-parameters.IntegrationStepMs / parameters.SensorResponseMs),
            OffsetPa = Gas.MegapascalsToPascals(offsetMpa),
            GainError = gainError,
            FullScalePa = fullScalePa,
            ZeroVolts = parameters.SensorSupplyVolts * 0.1,
            SpanVolts = spanVolts,
        };
    }

    public PlantParameters Parameters => _parameters;

    /// <summary>Simulated time since the plant was built, seconds.</summary>
    public double Time => _steps * _step;

    public double StepSeconds => _step;

    public OxygenCylinder Cylinder { get; }
    public CompressorUnit Compressor { get; }
    public FootSwitchModel FootSwitch { get; }

    /// <summary>The front-panel power switch as the technician left it.</summary>
    public bool PowerSwitchOn { get; set; }

    /// <summary>Whether the liquid-level switch sees liquid above its low mark.</summary>
    public bool LiquidLevelSwitch => _liquidMl > _parameters.LevelSwitchLowMarkMl;

    public bool OutletAdcNack { get; private set; }
    public bool MultiplexedAdcNack { get; private set; }

    public IReadOnlyList<FaultSpec> ActiveFaults => _faults;

    public double LiquidMl => _liquidMl;

    // ----- actuator inputs -----------------------------------------------------------------

    public void SetCoil(PlantCoil coil, bool energized)
    {
        if (coil == PlantCoil.Compressor)
        {
            Compressor.MotorOn = energized;
        }
        else
        {
            _solenoids[(int)coil].Command(energized);
        }
    }

    public bool CoilEnergized(PlantCoil coil) =>
        coil == PlantCoil.Compressor ? Compressor.MotorOn : _solenoids[(int)coil].Coil;

    /// <summary>Sets the inlet valve's PWM duty (0–1); the spool follows with its lag.</summary>
    public void SetInletDuty(double duty) =>
        _inlet.Duty = duty is >= 0.0 and <= 1.0
            ? duty
            : throw new ArgumentOutOfRangeException(nameof(duty), duty, "Inlet duty must be within 0–1.");

    public double InletDuty => _inlet.Duty;

    // ----- time ----------------------------------------------------------------------------

    /// <summary>Advances in whole sub-steps up to <paramref name="time"/> seconds (never beyond it).</summary>
    public void AdvanceTo(double time)
    {
        var target = (long)Math.Floor((time / _step) + 1e-9);
        while (_steps < target)
        {
            Step();
        }
    }

    /// <summary>Advances by one sub-step.</summary>
    public void Step()
    {
        var h = _step;
        for (var i = 0; i < _solenoids.Length; i++)
        {
            _solenoids[i].Advance(h);
        }

        _inlet.Advance();
        Compressor.Advance();

        var regulatorPa = _ambientPa + Gas.MegapascalsToPascals(Cylinder.OutletMpa);
        _network.SetPressure(OxygenRegulator, regulatorPa);
        _network.Path(OxygenSupplyPath).Conductance = IsOpen(PlantCoil.OxygenSourceValve) && Cylinder.ContentsLitres > 0 ? _oxygenSupplyC : 0.0;
        _network.Path(AirSupplyPath).Conductance = IsOpen(PlantCoil.CompressorSourceValve) ? _airSupplyC : 0.0;
        _network.Path(InletPath).Conductance = _inletC * _inlet.EffectiveOpening;
        _network.Path(VentPath).Conductance = IsOpen(PlantCoil.VentValve) ? _ventC : 0.0;
        _network.Path(ChargePath).Conductance = IsOpen(PlantCoil.ChargeValve) ? _chargeC : 0.0;
        _network.Path(SprayPath).Conductance = IsOpen(PlantCoil.SprayValve) ? _sprayC : 0.0;
        _network.Path(NozzlePath).Conductance = _nozzleClogged ? _nozzleC * _parameters.CloggedNozzleFraction : _nozzleC;

        var delivery = Compressor.Delivery(GaugePa(Tank), out var deliverySlope);
        _network.SetMassSource(Tank, delivery, deliverySlope);

        UpdateLiquidFeed();
        var deliveredBefore = _network.PathMass(OxygenSupplyPath);
        _network.Step(h);
        Cylinder.Draw(Gas.ToLitres(_network.PathMass(OxygenSupplyPath) - deliveredBefore));
        _liquidMl = Math.Max(0.0, _liquidMl - (_outflowMlPerS * h));
        if (_liquidMl == 0.0 && _drainMlPerS > 0.0)
        {
            StopDrain();
        }

        for (var i = 0; i < _sensors.Length; i++)
        {
            _sensors[i].Advance(GaugePa(SensorNode((SensorChannel)i)));
        }

        _steps++;
    }

    private void UpdateLiquidFeed()
    {
        // The gas jet through the nozzle draws the liquid that the bottle pressure pushes up the
        // feed line; without either there is no mist.
        var bottleMpa = GaugePa(Bottle) / 1e6;
        var jet = _network.PathFlow(NozzlePath) >= _mistMinFlow;
        _feedMlPerMin = jet && _liquidMl > 0.0 && bottleMpa > _parameters.LiquidFeedThresholdMpa
            ? Math.Min(_parameters.LiquidFeedMaxMlPerMin, _parameters.LiquidFeedMlPerMinPerMpa * (bottleMpa - _parameters.LiquidFeedThresholdMpa))
            : 0.0;

        // Never take more than is left in one sub-step, so the headspace ends at the bottle's volume.
        _outflowMlPerS = Math.Min((_feedMlPerMin / 60.0) + _drainMlPerS, _liquidMl / _step);
        _network.SetVolumeRate(Bottle, _outflowMlPerS * 1e-6);
    }

    // ----- sensors -------------------------------------------------------------------------

    /// <summary>The transducer's output now, without noise.</summary>
    public double SensorVolts(SensorChannel channel) => _sensors[(int)channel].Volts;

    /// <summary>One conversion's worth of the transducer output: the output now plus its noise.</summary>
    public double SampleSensorVolts(SensorChannel channel)
    {
        ref readonly var sensor = ref _sensors[(int)channel];
        if (sensor.Disconnected || sensor.StuckVolts.HasValue || _noiseVolts == 0.0)
        {
            return sensor.Volts;
        }

        return sensor.Volts + (_noiseVolts * StandardNormal());
    }

    private double StandardNormal()
    {
        // Box–Muller; one draw per conversion is plenty at 860 samples per second.
        var u1 = 1.0 - _noise.NextDouble();
        var u2 = _noise.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    // ----- faults --------------------------------------------------------------------------

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
            case FaultKind.Leak: _network.Path(LeakPath(fault.Target)).Conductance = Gas.ConductanceSi(fault.Value); break;
            case FaultKind.SupplyEmpty: Cylinder.Empty(); break;
            case FaultKind.CompressorFailed: Compressor.Failed = true; break;
            case FaultKind.NozzleClogged: _nozzleClogged = true; break;
            case FaultKind.LiquidEmpty:
                // The liquid drains away over a short time and no gas appears from nowhere: a
                // pressurised headspace expands into the whole bottle along the chamber's polytrope
                // and P_bottle falls (unless the charge valve makes up the difference); an
                // unpressurised one draws air back in from outside rather than fall into a vacuum.
                _drainMlPerS = _liquidMl / (_parameters.LiquidEmptyDrainMs / 1000.0);
                _network.Path(DrainAirInPath).Conductance = Gas.ConductanceSi(_parameters.LiquidEmptyAirInC);
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
            case FaultKind.Leak: _network.Path(LeakPath(fault.Target)).Conductance = 0.0; break;
            case FaultKind.SupplyEmpty: Cylinder.Replace(); break;
            case FaultKind.CompressorFailed: Compressor.Failed = false; break;
            case FaultKind.NozzleClogged: _nozzleClogged = false; break;
            case FaultKind.LiquidEmpty:
                StopDrain();
                _liquidMl = _parameters.LiquidMl;
                _network.ResetVolume(Bottle, (_parameters.BottleMl - _liquidMl) * 1e-6);
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
        _network.Path(DrainAirInPath).Conductance = 0.0;
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

    private static int LeakPath(FaultTarget target) => target switch
    {
        FaultTarget.Manifold => ManifoldLeakPath,
        FaultTarget.Bottle => BottleLeakPath,
        _ => throw new ArgumentOutOfRangeException(nameof(target), target, "Leaks are in the manifold or the bottle."),
    };

    private static int SensorNode(SensorChannel channel) => channel switch
    {
        SensorChannel.POut => Manifold,
        SensorChannel.PBottle => Bottle,
        _ => SourceLine,
    };

    // ----- state ---------------------------------------------------------------------------

    private bool IsOpen(PlantCoil valve) => _solenoids[(int)valve].IsOpen;

    private double GaugePa(int node) => _network.Pressure(node) - _ambientPa;

    public double POutMpa => GaugePa(Manifold) / 1e6;
    public double PBottleMpa => GaugePa(Bottle) / 1e6;
    public double PSrcMpa => GaugePa(SourceLine) / 1e6;
    public double PTankMpa => GaugePa(Tank) / 1e6;
    public double PHoseMpa => GaugePa(Hose) / 1e6;

    /// <summary>Total gas mass in the five chambers, kg (for conservation checks).</summary>
    public double GasMassInChambers
    {
        get
        {
            var sum = 0.0;
            for (var i = 0; i < _network.ChamberCount; i++)
            {
                sum += _network.Mass(i);
            }

            return sum;
        }
    }

    public PlantSnapshot Snapshot() => new()
    {
        TimeS = Time,
        POutMpa = POutMpa,
        PBottleMpa = PBottleMpa,
        PSrcMpa = PSrcMpa,
        PHoseMpa = PHoseMpa,
        PTankMpa = PTankMpa,
        OxygenRegulatorMpa = Cylinder.OutletMpa,
        InletOpening = _inlet.EffectiveOpening,
        OxygenSourceOpen = IsOpen(PlantCoil.OxygenSourceValve),
        AirSourceOpen = IsOpen(PlantCoil.CompressorSourceValve),
        VentOpen = IsOpen(PlantCoil.VentValve),
        ChargeOpen = IsOpen(PlantCoil.ChargeValve),
        SprayOpen = IsOpen(PlantCoil.SprayValve),
        CompressorRunning = Compressor.IsRunning,
        NozzleFlowLpm = Gas.ToLitresPerMinute(_network.PathFlow(NozzlePath)),
        ReliefFlowLpm = Gas.ToLitresPerMinute(_network.PathFlow(ReliefPath)),
        LiquidMl = _liquidMl,
        LiquidFeedMlPerMin = _feedMlPerMin,
        Mist = _feedMlPerMin > 0.0,
        CylinderLitres = Cylinder.ContentsLitres,
        OxygenDeliveredLitres = Cylinder.DeliveredLitres,
        PedalPressed = FootSwitch.Pressed,
        PowerSwitchOn = PowerSwitchOn,
    };
}
