using HydroOxygen.Hal;
using HydroOxygen.Simulator.Physics;

namespace HydroOxygen.Simulator.Plant;

/// <summary>
/// The pneumatics of DESIGN §1.2 as a physical model: oxygen cylinder and compressor, source line,
/// proportional inlet, manifold with vent and relief, nutrient bottle, spray valve, hose and nozzle,
/// the liquid feed, the transducers and the operator's switches.
/// </summary>
/// <remarks>
/// <para>
/// Time is counted in whole sub-steps (<see cref="PlantParameters.IntegrationStepMs"/>): valves move
/// and the pedal is read on that grid. <see cref="AdvanceTo"/> integrates the gas in steps of up to
/// <see cref="PlantParameters.MaxIntegrationStepMs"/>, ending one wherever a solenoid armature moves
/// or the caller stops, so a valve still opens on its sub-step; the lags in between (inlet spool,
/// motor, transducers) are advanced exactly. The same calls give the same run, bit for bit.
/// </para>
/// <para>
/// Actuator commands take effect from the next step; sensors are sampled lazily by whoever reads them.
/// </para>
/// </remarks>
public sealed partial class SprayPlant
{
    private readonly PlantParameters _parameters;
    private readonly PlantTopology _topology;
    private readonly PneumaticNetwork _network;
    private readonly double _step;
    private readonly int _maxSteps;
    private readonly double _ambientPa;
    private readonly SolenoidActuator[] _solenoids = new SolenoidActuator[5];
    private readonly PressureTransducerModel[] _sensors = new PressureTransducerModel[3];
    private readonly LagPowers _inletLag;
    private readonly LagPowers _sensorLag;
    private readonly Random _noise;
    private readonly double _noiseVolts;
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
        SettingsErrors.ThrowIfAny(parameters.Problems(PlantParameters.ScenarioFileKeys()), "Invalid plant parameters");
        _parameters = parameters;
        _step = parameters.IntegrationStepMs / 1000.0;
        _maxSteps = (int)Math.Round(parameters.MaxIntegrationStepMs / parameters.IntegrationStepMs);
        _ambientPa = Gas.MegapascalsToPascals(parameters.AmbientMpaAbs);
        _noise = new Random(seed);
        Cylinder = new OxygenCylinder(parameters);
        Compressor = new CompressorUnit(parameters, _step, _maxSteps);
        FootSwitch = new FootSwitchModel(parameters.PedalBounceMs / 1000.0, unchecked(seed + 1));
        _liquidMl = parameters.LiquidMl;
        _mistMinFlow = Gas.FromLitresPerMinute(parameters.MistMinGasLpm);

        _topology = new PlantTopology(parameters, _ambientPa, RegulatorPa());
        _network = _topology.Network;
        _network.SetPressure((int)PlantNode.Tank, _ambientPa + Gas.MegapascalsToPascals(parameters.InitialTankMpa));
        _network.SetPressure((int)PlantNode.Bottle, _ambientPa + Gas.MegapascalsToPascals(parameters.InitialBottleMpa));

        var onDelay = parameters.SolenoidOnDelayMs / 1000.0;
        var offDelay = parameters.SolenoidOffDelayMs / 1000.0;
        _solenoids[(int)PlantCoil.OxygenSourceValve] = SolenoidActuator.Create(false, onDelay, offDelay, _step);
        _solenoids[(int)PlantCoil.CompressorSourceValve] = SolenoidActuator.Create(false, onDelay, offDelay, _step);
        _solenoids[(int)PlantCoil.VentValve] = SolenoidActuator.Create(true, onDelay, offDelay, _step);
        _solenoids[(int)PlantCoil.ChargeValve] = SolenoidActuator.Create(false, onDelay, offDelay, _step);
        _solenoids[(int)PlantCoil.SprayValve] = SolenoidActuator.Create(false, onDelay, offDelay, _step);
        _inletLag = new LagPowers(1.0 - Math.Exp(-parameters.IntegrationStepMs / parameters.InletTauMs), _maxSteps);
        _sensorLag = new LagPowers(1.0 - Math.Exp(-parameters.IntegrationStepMs / parameters.SensorResponseMs), _maxSteps);

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

    /// <summary>The sub-step: the grid time, valves and switches move on, seconds.</summary>
    public double StepSeconds => _step;

    public OxygenCylinder Cylinder { get; }
    public CompressorUnit Compressor { get; }
    public FootSwitchModel FootSwitch { get; }

    /// <summary>The front-panel power switch as the technician left it.</summary>
    public bool PowerSwitchOn { get; set; }

    /// <summary>Whether the liquid-level switch sees liquid above its low mark.</summary>
    public bool LiquidLevelSwitch => _liquidMl > _parameters.LevelSwitchLowMarkMl;

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
            Integrate((int)Math.Min(target - _steps, _maxSteps));
        }
    }

    /// <summary>Advances by one sub-step.</summary>
    public void Step() => Integrate(1);

    /// <summary>
    /// One integration step of up to <paramref name="steps"/> sub-steps, shorter if an armature
    /// moves after the first: valves are constant across a step.
    /// </summary>
    private void Integrate(int steps)
    {
        // An armature whose delay ends in the first sub-step moves now; a later one ends the step.
        for (var i = 0; i < _solenoids.Length; i++)
        {
            ref var solenoid = ref _solenoids[i];
            solenoid.Advance(1);
            if (solenoid.PendingSteps > 0 && solenoid.PendingSteps < steps)
            {
                steps = solenoid.PendingSteps;
            }
        }

        if (steps > 1)
        {
            for (var i = 0; i < _solenoids.Length; i++)
            {
                _solenoids[i].Advance(steps - 1);
            }
        }

        var h = steps * _step;
        var opening = _inlet.Advance(steps, _inletLag);
        var speed = Compressor.Advance(steps);

        _network.SetPressure((int)PlantNode.OxygenRegulator, RegulatorPa());
        _topology.Set(PlantPath.OxygenSupply, IsOpen(PlantCoil.OxygenSourceValve) && Cylinder.ContentsLitres > 0);
        _topology.Set(PlantPath.AirSupply, IsOpen(PlantCoil.CompressorSourceValve));
        _topology.Set(PlantPath.Inlet, _topology.OpenConductance(PlantPath.Inlet) * opening);
        _topology.Set(PlantPath.Vent, IsOpen(PlantCoil.VentValve));
        _topology.Set(PlantPath.Charge, IsOpen(PlantCoil.ChargeValve));
        _topology.Set(PlantPath.Spray, IsOpen(PlantCoil.SprayValve));
        var nozzleC = _topology.OpenConductance(PlantPath.Nozzle);
        _topology.Set(PlantPath.Nozzle, _nozzleClogged ? nozzleC * _parameters.CloggedNozzleFraction : nozzleC);

        var delivery = Compressor.Delivery(GaugePa(PlantNode.Tank), speed, out var deliverySlope);
        _network.SetMassSource((int)PlantNode.Tank, delivery, deliverySlope);

        UpdateLiquidFeed(h);
        Span<double> sensedBefore = stackalloc double[3];
        for (var i = 0; i < sensedBefore.Length; i++)
        {
            sensedBefore[i] = GaugePa(SensorNode((SensorChannel)i));
        }

        var deliveredBefore = _topology.CrossedMass(PlantPath.OxygenSupply);
        _network.Step(h);
        Cylinder.Draw(Gas.ToLitres(_topology.CrossedMass(PlantPath.OxygenSupply) - deliveredBefore));
        _liquidMl = Math.Max(0.0, _liquidMl - (_outflowMlPerS * h));
        if (_liquidMl == 0.0 && _drainMlPerS > 0.0)
        {
            StopDrain();
        }

        for (var i = 0; i < _sensors.Length; i++)
        {
            _sensors[i].Advance(sensedBefore[i], GaugePa(SensorNode((SensorChannel)i)), steps, _sensorLag);
        }

        _steps += steps;
    }

    private void UpdateLiquidFeed(double h)
    {
        // The gas jet through the nozzle draws the liquid that the bottle pressure pushes up the
        // feed line; without either there is no mist.
        var bottleMpa = GaugePa(PlantNode.Bottle) / 1e6;
        var jet = _topology.Flow(PlantPath.Nozzle) >= _mistMinFlow;
        _feedMlPerMin = jet && _liquidMl > 0.0 && bottleMpa > _parameters.LiquidFeedThresholdMpa
            ? Math.Min(_parameters.LiquidFeedMaxMlPerMin, _parameters.LiquidFeedMlPerMinPerMpa * (bottleMpa - _parameters.LiquidFeedThresholdMpa))
            : 0.0;

        // Never take more than is left in one step, so the headspace ends at the bottle's volume.
        _outflowMlPerS = Math.Min((_feedMlPerMin / 60.0) + _drainMlPerS, _liquidMl / h);
        _network.SetVolumeRate((int)PlantNode.Bottle, _outflowMlPerS * 1e-6);
    }

    private double RegulatorPa() => _ambientPa + Gas.MegapascalsToPascals(Cylinder.OutletMpa);

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

    private static PlantNode SensorNode(SensorChannel channel) => channel switch
    {
        SensorChannel.POut => PlantNode.Manifold,
        SensorChannel.PBottle => PlantNode.Bottle,
        _ => PlantNode.SourceLine,
    };

    // ----- state ---------------------------------------------------------------------------

    private bool IsOpen(PlantCoil valve) => _solenoids[(int)valve].IsOpen;

    private double GaugePa(PlantNode node) => _topology.Pressure(node) - _ambientPa;

    public double POutMpa => GaugePa(PlantNode.Manifold) / 1e6;
    public double PBottleMpa => GaugePa(PlantNode.Bottle) / 1e6;
    public double PSrcMpa => GaugePa(PlantNode.SourceLine) / 1e6;
    public double PTankMpa => GaugePa(PlantNode.Tank) / 1e6;
    public double PHoseMpa => GaugePa(PlantNode.Hose) / 1e6;

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
        NozzleFlowLpm = Gas.ToLitresPerMinute(_topology.Flow(PlantPath.Nozzle)),
        ReliefFlowLpm = Gas.ToLitresPerMinute(_topology.Flow(PlantPath.Relief)),
        LiquidMl = _liquidMl,
        LiquidFeedMlPerMin = _feedMlPerMin,
        Mist = _feedMlPerMin > 0.0,
        CylinderLitres = Cylinder.ContentsLitres,
        OxygenDeliveredLitres = Cylinder.DeliveredLitres,
        FootSwitchPressed = FootSwitch.Pressed,
        PowerSwitchOn = PowerSwitchOn,
    };
}
