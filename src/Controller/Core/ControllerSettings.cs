using HydroOxygen.Hal;

namespace HydroOxygen.Controller.Core;

/// <summary>
/// Everything that tunes the control core, bound from the <c>Controller</c> section of
/// <c>appsettings.json</c>. Defaults fit the simulated plant of DESIGN §1.3.
/// </summary>
public sealed record ControllerSettings : ISettingsSection
{
    /// <summary>The configuration section these settings are read from.</summary>
    public const string Section = "Controller";

    public static ControllerSettings Default { get; } = new();

    public double LoopRateHz { get; init; } = 500.0;
    public RegulatorSettings Regulator { get; init; } = new();
    public SafetySettings Safety { get; init; } = new();
    public SequenceSettings Sequence { get; init; } = new();
    public SupplySettings Supply { get; init; } = new();
    public LiquidFeedSettings LiquidFeed { get; init; } = new();

    /// <summary>
    /// Litres of oxygen per litre the inlet's model counts (its ISO 6358 capacities are air's; DESIGN §1.3):
    /// applied once, where the gas delivered is counted (<see cref="UsageMeter"/>). Configured as
    /// <c>Supplies:OxygenVolumeFactor</c> and set here at start-up; 1 counts air-equivalent litres.
    /// </summary>
    public double OxygenVolumeFactor { get; init; } = 1.0;

    /// <summary>The start-of-day check and the end-of-day purge (DESIGN §2.8).</summary>
    public DayRoutineSettings DayRoutines { get; init; } = new();

    /// <summary>Treatment programs; null means <see cref="ProgramDefinition.Defaults"/>.</summary>
    public ProgramDefinition[]? Programs { get; init; }

    /// <summary>
    /// Treatment plans (DESIGN §2.7); null means <see cref="PlanDefinition.Defaults"/>, less any whose
    /// programs a configured program table does not have.
    /// </summary>
    public PlanDefinition[]? Plans { get; init; }

    /// <summary>Gas source selected at power-on; <c>None</c> waits in Idle for the technician.</summary>
    public GasSource StartupGasSource { get; init; } = GasSource.Oxygen;

    /// <summary>Program selected at power-on.</summary>
    public string StartupProgram { get; init; } = "cleanse";

    public IReadOnlyList<ProgramDefinition> EffectivePrograms => Programs ?? (IReadOnlyList<ProgramDefinition>)ProgramDefinition.Defaults;

    public IReadOnlyList<PlanDefinition> EffectivePlans => Plans ?? (IReadOnlyList<PlanDefinition>)
        [.. PlanDefinition.Defaults.Where(plan => plan.Steps.All(step => EffectivePrograms.Any(p => string.Equals(p.Name, step.Program, StringComparison.OrdinalIgnoreCase))))];

    public double TickSeconds => 1.0 / LoopRateHz;

    /// <summary>Adds every problem with these settings, under the keys below <paramref name="errors"/>'s section.</summary>
    public void Validate(SettingsErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        errors.Range(LoopRateHz, 50, 2000, nameof(LoopRateHz));
        Regulator.Validate(errors.Section(nameof(Regulator)));
        Safety.Validate(errors.Section(nameof(Safety)));
        Sequence.Validate(errors.Section(nameof(Sequence)));
        Supply.Validate(errors.Section(nameof(Supply)));
        LiquidFeed.Validate(errors.Section(nameof(LiquidFeed)));
        DayRoutines.Validate(errors.Section(nameof(DayRoutines)));
        errors.Range(OxygenVolumeFactor, 0.5, 1.5, nameof(OxygenVolumeFactor));

        var programs = EffectivePrograms;
        if (programs.Count == 0)
        {
            errors.Add(nameof(Programs), "ProgramsEmpty", "at least one program is required");
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < programs.Count; i++)
        {
            var program = programs[i];
            var key = $"{nameof(Programs)}:{i}";
            if (string.IsNullOrWhiteSpace(program.Name))
            {
                errors.Add($"{key}:Name", "ProgramNameMissing", "a program needs a name");
            }
            else if (!names.Add(program.Name))
            {
                errors.Add($"{key}:Name", "ProgramTwice", "'{0}' is defined twice", program.Name);
            }

            errors.Range(program.CeilingMpa, PressureLimits.MinSetpointMpa, PressureLimits.MaxSetpointMpa, $"{key}:CeilingMpa");
            errors.Range(program.SetpointMpa, PressureLimits.MinSetpointMpa, Math.Min(program.CeilingMpa, PressureLimits.MaxSetpointMpa), $"{key}:SetpointMpa");
        }

        if (!names.Contains(StartupProgram))
        {
            errors.Add(nameof(StartupProgram), "ProgramUnknown", "'{0}' is not one of the programs ({1})", StartupProgram, string.Join(", ", programs.Select(p => p.Name)));
        }
        else if (StartupGasSource == GasSource.Compressor && programs.First(p => string.Equals(p.Name, StartupProgram, StringComparison.OrdinalIgnoreCase)).RequiresOxygen)
        {
            errors.Add(nameof(StartupGasSource), "ProgramRequiresOxygen", "program '{0}' requires oxygen", StartupProgram);
        }

        errors.OneOf(StartupGasSource, nameof(StartupGasSource));
        PlanDefinition.Validate(EffectivePlans, programs, errors);
    }
}

/// <summary>The pressure regulator (DESIGN §2.3) and the plant model its feed-forward uses.</summary>
public sealed record RegulatorSettings : ISettingsSection
{
    /// <summary>Proportional gain: litres/min (ANR) of inlet flow per MPa of error.</summary>
    public double ProportionalGain { get; init; } = 150.0;

    /// <summary>Integral gain: litres/min per MPa·s.</summary>
    public double IntegralGain { get; init; } = 300.0;

    /// <summary>Derivative gain: litres/min per MPa/s (0 = PI).</summary>
    public double DerivativeGain { get; init; }

    /// <summary>Fastest rise of the pressure reference, MPa/s (the fast fill).</summary>
    public double RampUpMpaPerS { get; init; } = 6.0;

    /// <summary>Fastest fall of the reference, MPa/s (limited by what the vent can let out).</summary>
    public double RampDownMpaPerS { get; init; } = 4.0;

    /// <summary>Deceleration of the reference into the setpoint, MPa/s²: the fill brakes instead of stopping dead.</summary>
    public double RampDecelerationMpaPerS2 { get; init; } = 150.0;

    /// <summary>
    /// The most a rising reference brakes early for a manifold running ahead of its model, MPa
    /// (0 = never): larger takes out more of a strong inlet's overshoot, but follows a stuck-open one further.
    /// </summary>
    public double FillExcessMaxMpa { get; init; } = 0.04;

    /// <summary>
    /// The spray valve's draw is fed forward this long before the valve opens, at most its pull-in
    /// delay (that is, from the tick that commands it): the inlet's spool, slower than the solenoid,
    /// starts opening first, s. (The charge valve's is not: fed ahead, the fill into Ready overshoots.)
    /// </summary>
    public double SprayLeadS { get; init; } = 0.01;

    /// <summary>The spray-start dip, where deeper than the noise band, is refilled within this time, s (0 = only the PI).</summary>
    public double DipRefillS { get; init; } = 0.01;

    /// <summary>How long after the spray valve's command a dip counts as the spray start's, s.</summary>
    public double DipRefillWindowS { get; init; } = 0.1;

    /// <summary>
    /// A charge that ends with the spray valve shut keeps the valve open this long after its draw is
    /// dropped from the feed-forward, so that the bottle takes the inlet's lagging tail: about the
    /// inlet's lag less the valve's drop-out delay, s (0 = close at once).
    /// </summary>
    public double ChargeCloseHoldS { get; init; } = 0.022;

    /// <summary>After a source valve opens, the reference waits this long for the source line to fill, s.</summary>
    public double SourcePrimeS { get; init; } = 0.04;

    /// <summary>
    /// While the source line primes, an empty manifold's inlet is opened this far (0 = held shut),
    /// so that its spool's lag passes while the line fills rather than after it.
    /// </summary>
    public double PrimeOpening { get; init; } = 1.0;

    /// <summary>
    /// The pressure a priming source line reaches (a cylinder's regulator; a compressor's tank may
    /// give more, which the fill's brake for a manifold running ahead of its model takes up), MPa:
    /// the gas the inlet still lets in after the prime is judged at it.
    /// </summary>
    public double PrimedSourceMpa { get; init; } = 0.75;

    /// <summary>While neither inlet nor vent acts, the integrator decays with this time constant, s (0 = never).</summary>
    public double IntegratorBleedS { get; init; } = 0.5;

    /// <summary>Errors smaller than this do not integrate, so sensor noise does not walk the integrator, MPa.</summary>
    public double IntegratorDeadbandMpa { get; init; } = 0.0015;

    /// <summary>The integrator sees errors clipped to this, so that short large errors teach it little, MPa.</summary>
    public double IntegratorErrorLimitMpa { get; init; } = 0.02;

    /// <summary>Flow demands smaller than this leave both inlet and vent closed, litres/min.</summary>
    public double OutputDeadbandLpm { get; init; } = 0.3;

    /// <summary>A lasting excess above the setpoint larger than this is vented (and refilled by the inlet), MPa.</summary>
    public double VentAboveMpa { get; init; } = 0.004;

    /// <summary>The inlet is only opened with at least this much head across it, MPa.</summary>
    public double SourceHeadMinMpa { get; init; } = 0.03;

    /// <summary>The vent is an on/off valve: it is time-proportioned over this period, s.</summary>
    public double VentPwmPeriodS { get; init; } = 0.04;

    // The plant as the feed-forward knows it (nominal values; calibration and tuning refine them).
    public double ManifoldMl { get; init; } = 20.0;
    public double HoseMl { get; init; } = 10.0;
    public double InletC { get; init; } = 0.2;
    public double InletB { get; init; } = 0.3;
    public double InletLagS { get; init; } = 0.03;
    public double VentC { get; init; } = 0.05;
    public double VentB { get; init; } = 0.3;
    public double ChargeC { get; init; } = 0.06;
    public double ChargeB { get; init; } = 0.3;
    public double SprayC { get; init; } = 0.15;
    public double SprayB { get; init; } = 0.3;
    public double NozzleC { get; init; } = 0.04;
    public double NozzleB { get; init; } = 0.5;

    /// <summary>Gas space of the bottle assumed by the charge model (250 mL less ~100 mL of liquid); an observer corrects it.</summary>
    public double BottleHeadspaceMl { get; init; } = 150.0;

    /// <summary>The bottle's whole volume, mL: the largest its gas space can be (an empty bottle), so the slowest it can change.</summary>
    public double BottleMl { get; init; } = 250.0;

    /// <summary>Time constant with which the bottle model is pulled towards the measured bottle pressure, s.</summary>
    public double BottleObserverS { get; init; } = 0.2;
    public double SolenoidOnDelayS { get; init; } = 0.01;
    public double SolenoidOffDelayS { get; init; } = 0.015;
    public double PolytropicExponent { get; init; } = 1.2;
    public double GasTemperatureK { get; init; } = 293.0;

    public void Validate(SettingsErrors errors)
    {
        errors.Range(ProportionalGain, 0, 10_000, nameof(ProportionalGain));
        errors.Range(IntegralGain, 0, 100_000, nameof(IntegralGain));
        errors.Range(DerivativeGain, 0, 1_000, nameof(DerivativeGain));
        errors.Range(RampUpMpaPerS, 0.05, 50, nameof(RampUpMpaPerS));
        errors.Range(RampDownMpaPerS, 0.05, 50, nameof(RampDownMpaPerS));
        errors.Range(RampDecelerationMpaPerS2, 0.1, 10_000, nameof(RampDecelerationMpaPerS2));
        errors.Range(FillExcessMaxMpa, 0, 0.1, nameof(FillExcessMaxMpa));
        errors.Range(SourcePrimeS, 0, 2, nameof(SourcePrimeS));
        errors.Range(PrimeOpening, 0, 1, nameof(PrimeOpening));
        errors.Range(PrimedSourceMpa, 0.1, 2, nameof(PrimedSourceMpa));
        errors.Range(IntegratorBleedS, 0, 100, nameof(IntegratorBleedS));
        errors.Range(IntegratorDeadbandMpa, 0, 0.02, nameof(IntegratorDeadbandMpa));
        errors.Range(IntegratorErrorLimitMpa, IntegratorDeadbandMpa, 1, nameof(IntegratorErrorLimitMpa));
        errors.Range(OutputDeadbandLpm, 0, 10, nameof(OutputDeadbandLpm));
        errors.Range(VentAboveMpa, 0, 0.1, nameof(VentAboveMpa));
        errors.Range(SourceHeadMinMpa, 0, 0.3, nameof(SourceHeadMinMpa));
        errors.Range(VentPwmPeriodS, 0.004, 1, nameof(VentPwmPeriodS));
        errors.Range(ManifoldMl, 1, 1000, nameof(ManifoldMl));
        errors.Range(HoseMl, 0.1, 1000, nameof(HoseMl));
        errors.Range(BottleHeadspaceMl, 1, 1000, nameof(BottleHeadspaceMl));
        errors.Range(BottleMl, BottleHeadspaceMl, 2000, nameof(BottleMl));
        errors.Range(BottleObserverS, 0.005, 10, nameof(BottleObserverS));
        errors.Range(InletC, 0.001, 5, nameof(InletC));
        errors.Range(VentC, 0.001, 5, nameof(VentC));
        errors.Range(ChargeC, 0, 5, nameof(ChargeC));
        errors.Range(SprayC, 0.001, 5, nameof(SprayC));
        errors.Range(NozzleC, 0, 5, nameof(NozzleC));
        errors.Range(InletB, 0, 0.9, nameof(InletB));
        errors.Range(VentB, 0, 0.9, nameof(VentB));
        errors.Range(ChargeB, 0, 0.9, nameof(ChargeB));
        errors.Range(SprayB, 0, 0.9, nameof(SprayB));
        errors.Range(NozzleB, 0, 0.9, nameof(NozzleB));
        errors.Range(InletLagS, 0, 1, nameof(InletLagS));
        errors.Range(SolenoidOnDelayS, 0, 0.5, nameof(SolenoidOnDelayS));
        errors.Range(SolenoidOffDelayS, 0, 0.5, nameof(SolenoidOffDelayS));
        errors.Range(SprayLeadS, 0, SolenoidOnDelayS, nameof(SprayLeadS));
        errors.Range(DipRefillS, 0, 10, nameof(DipRefillS));
        errors.Range(DipRefillWindowS, 0, 10, nameof(DipRefillWindowS));
        errors.Range(ChargeCloseHoldS, 0, 0.1, nameof(ChargeCloseHoldS));
        errors.Range(PolytropicExponent, 1.0, 1.4, nameof(PolytropicExponent));
        errors.Range(GasTemperatureK, 200, 400, nameof(GasTemperatureK));
    }
}

/// <summary>The safety supervisor's trips and alarm qualification (DESIGN §2.5).</summary>
public sealed record SafetySettings : ISettingsSection
{
    public double OverPressureTripMpa { get; init; } = 0.65;
    public int OverPressureSamples { get; init; } = 3;

    /// <summary>A capped program (eye) trips this far above its ceiling, if that is below the general trip.</summary>
    public double ProgramTripMarginMpa { get; init; } = 0.05;

    /// <summary>A manifold this far above the reference and climbing faster than <see cref="RunawayRiseMpaPerS"/> is running away, MPa.</summary>
    public double RunawayMarginMpa { get; init; } = 0.03;

    public double RunawayRiseMpaPerS { get; init; } = 1.5;

    public double UnderPressureMarginMpa { get; init; } = 0.05;
    public double UnderPressureAfterS { get; init; } = 1.5;

    /// <summary>Consecutive bad samples (open, short, converter error) that make a sensor faulty.</summary>
    public int SensorFaultSamples { get; init; } = 2;

    public double SensorStaleAfterS { get; init; } = 0.02;
    /// <summary>
    /// Faster than the manifold or the bottle can move, MPa/s (the fastest fill is a few MPa/s): a
    /// broken or intermittent transducer, or a connector that slips, jumps by tens of kPa between
    /// two readings 2 ms apart.
    /// </summary>
    public double SensorMaxSlewMpaPerS { get; init; } = 40.0;

    /// <summary>
    /// The bottle's own limit, MPa/s: it only fills through the charge valve and empties through
    /// the liquid feed or a leak, so it moves far slower than the manifold; 20 still catches a
    /// transducer step on the converter it shares with P_src, which samples it only every 4 ms.
    /// </summary>
    public double BottleSensorMaxSlewMpaPerS { get; init; } = 20.0;

    /// <summary>
    /// The same for the source line, MPa/s: the empty line filling from the regulator through a
    /// just-opened source valve is the quickest real change in the device (30–45 MPa/s on a small
    /// line), so its reading gets more room — only while it primes (<see cref="SourcePrimeWindowS"/>), and
    /// only the way it primes (up when it fills, down when it empties into a lower source, once it has
    /// moved 0.05 MPa); against that way, and with the source steady, <see cref="SteadySourceSensorMaxSlewMpaPerS"/> applies.
    /// </summary>
    public double SourceSensorMaxSlewMpaPerS { get; init; } = 120.0;

    /// <summary>
    /// How long after the source valve opens (or the source is switched) the source line may be
    /// priming, s: the simulated line fills in ~25 ms (at most ~31 MPa/s measured); the window is
    /// several times that. Outside it a step on P_src is judged against the ordinary slew limit.
    /// </summary>
    public double SourcePrimeWindowS { get; init; } = 0.2;

    /// <summary>
    /// The source line's slew limit once it is steady, MPa/s: held by the cylinder's regulator or the
    /// compressor tank it moves at most ~10 MPa/s in every scenario (a close and its venting
    /// included), so 20 leaves a factor of two and still catches a transducer step that a converter
    /// shared with P_bottle samples only every 4 ms (0.15 MPa in 4 ms reads as 37.5 MPa/s, under
    /// <see cref="SensorMaxSlewMpaPerS"/>).
    /// </summary>
    public double SteadySourceSensorMaxSlewMpaPerS { get; init; } = 20.0;

    /// <summary>A reading that moves less than this over the window while the valves say it must move is stuck, MPa.</summary>
    public double SensorStuckToleranceMpa { get; init; } = 0.0015;
    public double SensorStuckWindowS { get; init; } = 0.3;

    /// <summary>The same reading, to the last bit, for this long is a frozen sensor, s (0 = never judged).</summary>
    public double SensorFrozenAfterS { get; init; } = 0.5;

    /// <summary>
    /// The same reading, to the last bit, for this many fresh conversions while the valves say the
    /// pressure must be moving is a frozen sensor (0 = never judged). A full-duty fill raises the
    /// manifold ~5 MPa/s, so waiting <see cref="SensorFrozenAfterS"/> there would let a frozen P_out
    /// reading drive it to the relief valve; a live transducer never repeats its code while the
    /// pressure moves, even for a few conversions.
    /// </summary>
    public int SensorFrozenConversionsWhileMoving { get; init; } = 8;

    /// <summary>Flow leaving the manifold that no open valve explains, as a fraction of the nozzle's draw, is a fault.</summary>
    public double UncommandedFlowFraction { get; init; } = 0.7;

    public double UncommandedFlowAfterS { get; init; } = 0.5;

    /// <summary>The manifold staying this far above the reference (it cannot be vented down) is an over-pressure, MPa.</summary>
    public double AboveReferenceMpa { get; init; } = 0.05;

    public double AboveReferenceAfterS { get; init; } = 2.0;

    /// <summary>With the charge valve open and flows settled, P_out and P_bottle must agree this well, MPa.</summary>
    public double SensorCrossCheckMpa { get; init; } = 0.05;
    public double SensorCrossCheckAfterS { get; init; } = 1.0;

    /// <summary>
    /// With the charge valve joining them, a bottle reading this far above P_out must be falling
    /// (its gas can only leave into the manifold): one that is not is a wrong transducer, MPa.
    /// </summary>
    public double SensorCrossCheckRisingMpa { get; init; } = 0.035;

    /// <summary>
    /// A spray valve suspected open (UncommandedFlow, or an outlet that would not hold at shutdown) is
    /// trusted again after the manifold has held its setpoint in Ready this long without the alarm, s.
    /// </summary>
    public double SprayValveProvenS { get; init; } = 1.0;

    /// <summary>A tick arriving this late (or later) is a stalled loop, s.</summary>
    public double LoopStallS { get; init; } = 0.02;

    /// <summary>Consecutive overrunning ticks reported by the scheduler that count as a loop fault.</summary>
    public int LoopOverrunTicks { get; init; } = 5;

    public double LiquidEmptyAfterS { get; init; } = 0.5;
    public double NozzleBlockedAfterS { get; init; } = 0.5;

    /// <summary>While spraying, delivered flow below this fraction of the nozzle's expected draw means a blocked nozzle.</summary>
    public double NozzleBlockedFlowFraction { get; init; } = 0.35;

    public double PedalDebounceS { get; init; } = 0.02;
    public double SprayTimeLimitS { get; init; } = 120.0;

    public void Validate(SettingsErrors errors)
    {
        errors.Range(OverPressureTripMpa, PressureLimits.MaxSetpointMpa + 0.01, PressureLimits.ReliefValveMpa - 0.01, nameof(OverPressureTripMpa));
        errors.Range(OverPressureSamples, 1, 10, nameof(OverPressureSamples));
        errors.Range(ProgramTripMarginMpa, 0.01, 0.3, nameof(ProgramTripMarginMpa));
        errors.Range(RunawayMarginMpa, 0.01, 0.2, nameof(RunawayMarginMpa));
        errors.Range(RunawayRiseMpaPerS, 0.2, 100, nameof(RunawayRiseMpaPerS));
        errors.Range(UnderPressureMarginMpa, 0.01, 0.3, nameof(UnderPressureMarginMpa));
        errors.Range(UnderPressureAfterS, 0.1, 60, nameof(UnderPressureAfterS));
        errors.Range(SensorFaultSamples, 1, 10, nameof(SensorFaultSamples));
        errors.Range(SensorStaleAfterS, 0.004, 1, nameof(SensorStaleAfterS));
        errors.Range(SensorMaxSlewMpaPerS, 1, 1000, nameof(SensorMaxSlewMpaPerS));
        errors.Range(SourceSensorMaxSlewMpaPerS, 1, 1000, nameof(SourceSensorMaxSlewMpaPerS));
        errors.Range(BottleSensorMaxSlewMpaPerS, 1, 1000, nameof(BottleSensorMaxSlewMpaPerS));
        errors.Range(SourcePrimeWindowS, 0, 5, nameof(SourcePrimeWindowS));
        errors.Range(SteadySourceSensorMaxSlewMpaPerS, 1, 1000, nameof(SteadySourceSensorMaxSlewMpaPerS));
        errors.Range(SensorStuckToleranceMpa, 0, 0.05, nameof(SensorStuckToleranceMpa));
        errors.Range(SensorStuckWindowS, 0.05, 10, nameof(SensorStuckWindowS));
        errors.Range(SensorFrozenAfterS, 0, 60, nameof(SensorFrozenAfterS));
        errors.Range(SensorFrozenConversionsWhileMoving, 0, 1000, nameof(SensorFrozenConversionsWhileMoving));
        errors.Range(UncommandedFlowFraction, 0.05, 2, nameof(UncommandedFlowFraction));
        errors.Range(UncommandedFlowAfterS, 0.1, 60, nameof(UncommandedFlowAfterS));
        errors.Range(AboveReferenceMpa, 0.01, 0.3, nameof(AboveReferenceMpa));
        errors.Range(AboveReferenceAfterS, 0.1, 60, nameof(AboveReferenceAfterS));
        errors.Range(SensorCrossCheckMpa, 0.01, 0.3, nameof(SensorCrossCheckMpa));
        errors.Range(SensorCrossCheckAfterS, 0.1, 60, nameof(SensorCrossCheckAfterS));
        errors.Range(SensorCrossCheckRisingMpa, 0.01, 0.3, nameof(SensorCrossCheckRisingMpa));
        errors.Range(SprayValveProvenS, UncommandedFlowAfterS, 60, nameof(SprayValveProvenS));
        errors.Range(LoopStallS, 0.004, 5, nameof(LoopStallS));
        errors.Range(LoopOverrunTicks, 1, 1000, nameof(LoopOverrunTicks));
        errors.Range(LiquidEmptyAfterS, 0, 10, nameof(LiquidEmptyAfterS));
        errors.Range(NozzleBlockedAfterS, 0.05, 10, nameof(NozzleBlockedAfterS));
        errors.Range(NozzleBlockedFlowFraction, 0.01, 0.9, nameof(NozzleBlockedFlowFraction));
        errors.Range(PedalDebounceS, 0, 0.2, nameof(PedalDebounceS));
        errors.Range(SprayTimeLimitS, 1, 3600, nameof(SprayTimeLimitS));
    }
}

/// <summary>Self-test, pressurizing, charging and shutdown timings.</summary>
public sealed record SequenceSettings : ISettingsSection
{
    /// <summary>A vented sensor must read within this of zero at power-on, MPa.</summary>
    public double SelfTestZeroToleranceMpa { get; init; } = 0.015;
    public double SelfTestVentS { get; init; } = 0.5;

    /// <summary>Final self-test phase with the inlet shut again, s (several inlet time constants).</summary>
    public double SelfTestSettleS { get; init; } = 0.15;
    public double SelfTestTimeoutS { get; init; } = 10.0;

    public double ReadyWithinMpa { get; init; } = 0.01;
    public double ReadyHoldS { get; init; } = 0.05;
    public double PressurizeTimeoutS { get; init; } = 10.0;

    /// <summary>Pressurizing from a cold compressor tank includes filling the tank first.</summary>
    public double PressurizeCompressorTimeoutS { get; init; } = 45.0;

    /// <summary>Charge when the bottle is this far below the setpoint, MPa.</summary>
    public double RechargeBelowMpa { get; init; } = 0.08;

    /// <summary>The bottle counts as charged within this of the setpoint, MPa.</summary>
    public double ChargedWithinMpa { get; init; } = 0.03;
    public double ChargeTimeoutS { get; init; } = 12.0;

    /// <summary>
    /// A charge that ends in Ready keeps the charge valve open, its draw fed forward, until the bottle is
    /// this close to the setpoint, MPa: the manifold's dip at the close scales with the draw it closes on
    /// (docs/DECISIONS.md, "The charge's end"). Ready and the charged band are unchanged.
    /// </summary>
    public double ChargeTopOffWithinMpa { get; init; } = 0.008;

    /// <summary>The longest such top-off, s: a bottle that stops coming up is closed on as before.</summary>
    public double ChargeTopOffMaxS { get; init; } = 0.5;

    /// <summary>While spraying, a bottle this far below P_out gives gas only: recharge, MPa.</summary>
    public double BottleCollapseMpa { get; init; } = 0.1;
    public double BottleCollapseAfterS { get; init; } = 0.3;

    /// <summary>
    /// A bottle more than this above the program's ceiling (a lower program chosen) is vented down
    /// through the manifold before spraying, to this much under the ceiling, MPa: a lower ceiling is
    /// met by venting, never by tripping.
    /// </summary>
    public double VentDownMarginMpa { get; init; } = 0.01;

    /// <summary>
    /// While spraying, a bottle more than this above the setpoint (the setpoint turned down after it
    /// was charged) is not joined to the manifold: it would push the hose above the setpoint, MPa.
    /// </summary>
    public double BottleJoinsWithinMpa { get; init; } = 0.05;

    /// <summary>A vent-down that cannot bring the bottle down in this long is a vent that does not work (VentFailure), s.</summary>
    public double VentDownTimeoutS { get; init; } = 8.0;

    public double ShutdownVentedBelowMpa { get; init; } = 0.02;
    public double ShutdownConfirmS { get; init; } = 0.1;
    public double ShutdownTimeoutS { get; init; } = 30.0;

    /// <summary>
    /// Before the bottle is vented through the manifold (shutdown, venting down to a lower ceiling)
    /// and unless the outlets have just been seen to hold, every valve is first held shut, with the
    /// manifold at least this high, to see that it holds: gas leaving then leaves through an outlet
    /// (a spray valve stuck open), and the bottle must not be vented through it, MPa.
    /// </summary>
    public double OutletHoldFromMpa { get; init; } = 0.1;

    /// <summary>How long the manifold is watched in the hold (after the valves have settled), s.</summary>
    public double OutletHoldS { get; init; } = 0.1;

    /// <summary>A manifold falling more than this during the hold has an outlet open, MPa.</summary>
    public double OutletHoldDropMpa { get; init; } = 0.015;

    public void Validate(SettingsErrors errors)
    {
        errors.Range(SelfTestZeroToleranceMpa, 0.001, 0.1, nameof(SelfTestZeroToleranceMpa));
        errors.Range(SelfTestVentS, 0, 10, nameof(SelfTestVentS));
        errors.Range(SelfTestSettleS, 0, 5, nameof(SelfTestSettleS));
        errors.Range(SelfTestTimeoutS, SelfTestVentS + SelfTestSettleS + 0.1, 120, nameof(SelfTestTimeoutS));
        errors.Range(ReadyWithinMpa, 0.001, 0.05, nameof(ReadyWithinMpa));
        errors.Range(ReadyHoldS, 0, 5, nameof(ReadyHoldS));
        errors.Range(PressurizeTimeoutS, 0.5, 300, nameof(PressurizeTimeoutS));
        errors.Range(PressurizeCompressorTimeoutS, 0.5, 600, nameof(PressurizeCompressorTimeoutS));
        errors.Range(RechargeBelowMpa, 0.01, 0.3, nameof(RechargeBelowMpa));
        errors.Range(ChargedWithinMpa, 0.005, RechargeBelowMpa, nameof(ChargedWithinMpa));
        errors.Range(ChargeTimeoutS, 0.5, 120, nameof(ChargeTimeoutS));
        errors.Range(ChargeTopOffWithinMpa, 0.001, ChargedWithinMpa, nameof(ChargeTopOffWithinMpa));
        errors.Range(ChargeTopOffMaxS, 0, 5, nameof(ChargeTopOffMaxS));
        errors.Range(BottleCollapseMpa, 0.02, 0.5, nameof(BottleCollapseMpa));
        errors.Range(BottleCollapseAfterS, 0.01, 10, nameof(BottleCollapseAfterS));
        errors.Range(ShutdownVentedBelowMpa, 0.005, 0.05, nameof(ShutdownVentedBelowMpa));
        errors.Range(ShutdownConfirmS, 0, 5, nameof(ShutdownConfirmS));
        errors.Range(ShutdownTimeoutS, 1, 600, nameof(ShutdownTimeoutS));
        errors.Range(VentDownMarginMpa, 0.002, 0.05, nameof(VentDownMarginMpa));
        errors.Range(BottleJoinsWithinMpa, 0.01, 0.3, nameof(BottleJoinsWithinMpa));
        errors.Range(VentDownTimeoutS, 0.5, 120, nameof(VentDownTimeoutS));
        errors.Range(OutletHoldFromMpa, 0.02, 0.6, nameof(OutletHoldFromMpa));
        errors.Range(OutletHoldS, 0.02, 2, nameof(OutletHoldS));
        errors.Range(OutletHoldDropMpa, 0.002, 0.2, nameof(OutletHoldDropMpa));
    }
}

/// <summary>Gas supply checks and the compressor's tank hysteresis.</summary>
public sealed record SupplySettings : ISettingsSection
{
    /// <summary>The cylinder regulator normally delivers ~0.75 MPa; below this the cylinder is running low, MPa.</summary>
    public double OxygenLowMpa { get; init; } = 0.62;

    /// <summary>The source must stay this far above the setpoint for the inlet valve to regulate, MPa.</summary>
    public double RegulationMarginMpa { get; init; } = 0.04;

    public double SupplyLowAfterS { get; init; } = 1.0;
    public double SupplyLostAfterS { get; init; } = 2.0;

    /// <summary>Time after a source valve opens before its pressure is judged, s.</summary>
    public double SourceSettleS { get; init; } = 0.5;

    public double CompressorCutInMpa { get; init; } = 0.65;
    public double CompressorCutOutMpa { get; init; } = 0.80;

    /// <summary>A running compressor must raise the tank pressure this much within the check time, MPa.</summary>
    public double CompressorMinRiseMpa { get; init; } = 0.02;
    public double CompressorStartCheckS { get; init; } = 3.0;
    public double CompressorMaxRunS { get; init; } = 180.0;

    /// <summary>
    /// The tank is kept at least this far above what regulation needs (the cut-in rises at the top
    /// setpoints): a bottle top-up while spraying takes ~0.06 MPa out of a 0.5 L tank, MPa.
    /// </summary>
    public double CompressorReserveMpa { get; init; } = 0.08;

    /// <summary>What a healthy compressor delivers, litres/min ANR (DESIGN §1.3: ~20).</summary>
    public double CompressorFlowLpm { get; init; } = 20.0;

    /// <summary>The compressor's tank, mL (DESIGN §1.3: 0.5 L).</summary>
    public double CompressorTankMl { get; init; } = 500.0;

    /// <summary>
    /// A running compressor whose delivery — the tank's rise plus what the inlet draws from it —
    /// stays below this fraction of <see cref="CompressorFlowLpm"/> over <see cref="CompressorStallWindowS"/> has stalled.
    /// </summary>
    public double CompressorStallFraction { get; init; } = 0.35;

    public double CompressorStallWindowS { get; init; } = 2.0;

    /// <summary>The motor is judged only this long after it was switched on (it spins up in ~0.2 s), s.</summary>
    public double CompressorSpinUpS { get; init; } = 0.5;

    public void Validate(SettingsErrors errors)
    {
        errors.Range(OxygenLowMpa, PressureLimits.MaxSetpointMpa, 1.0, nameof(OxygenLowMpa));
        errors.Range(RegulationMarginMpa, 0, 0.3, nameof(RegulationMarginMpa));
        errors.Range(SupplyLowAfterS, 0, 60, nameof(SupplyLowAfterS));
        errors.Range(SupplyLostAfterS, 0, 60, nameof(SupplyLostAfterS));
        errors.Range(SourceSettleS, 0, 10, nameof(SourceSettleS));
        errors.Range(CompressorCutInMpa, PressureLimits.MaxSetpointMpa, 1.0, nameof(CompressorCutInMpa));
        errors.Range(CompressorCutOutMpa, CompressorCutInMpa + 0.02, 1.0, nameof(CompressorCutOutMpa));
        errors.Range(CompressorMinRiseMpa, 0.001, 0.5, nameof(CompressorMinRiseMpa));
        errors.Range(CompressorStartCheckS, 0.5, 60, nameof(CompressorStartCheckS));
        errors.Range(CompressorMaxRunS, 5, 3600, nameof(CompressorMaxRunS));
        errors.Range(CompressorReserveMpa, 0, 0.3, nameof(CompressorReserveMpa));
        errors.Range(CompressorFlowLpm, 1, 500, nameof(CompressorFlowLpm));
        errors.Range(CompressorTankMl, 10, 100_000, nameof(CompressorTankMl));
        errors.Range(CompressorStallFraction, 0.05, 0.9, nameof(CompressorStallFraction));
        errors.Range(CompressorStallWindowS, 0.2, 60, nameof(CompressorStallWindowS));
        errors.Range(CompressorSpinUpS, 0, 10, nameof(CompressorSpinUpS));
    }
}
