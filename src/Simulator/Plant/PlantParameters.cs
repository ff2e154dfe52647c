using HydroOxygen.Hal;

namespace HydroOxygen.Simulator.Plant;

/// <summary>
/// Every number of the plant model (DESIGN §1.3), in the units of a datasheet: MPa gauge,
/// millilitres, dm³/(s·bar), milliseconds, litres per minute (ANR).
/// </summary>
/// <remarks>
/// Flat on purpose: scenario files override single parameters by their snake_case name
/// (<c>plant: { liquid_ml: 40 }</c>), which is how a tester thinks of them.
/// </remarks>
public sealed record PlantParameters : ISettingsSection
{
    public static PlantParameters Default { get; } = new();

    // Environment and integration.
    public double AmbientMpaAbs { get; init; } = 0.101325;
    public double GasTemperatureK { get; init; } = 293.0;
    public double PolytropicExponent { get; init; } = 1.2;
    public double IntegrationStepMs { get; init; } = 0.25;

    /// <summary>
    /// The longest step the gas is integrated in, ms: a whole number of <see cref="IntegrationStepMs"/>
    /// sub-steps. The implicit step is stable at any length; valves still move on the sub-step grid.
    /// Equal to <see cref="IntegrationStepMs"/>, every sub-step is integrated on its own.
    /// </summary>
    public double MaxIntegrationStepMs { get; init; } = 1.0;

    // Oxygen cylinder and its regulator (regulator and SV_O2 lumped into one conductance).
    public double OxygenRegulatorMpa { get; init; } = 0.75;
    public double CylinderContentsL { get; init; } = 680.0;
    public double CylinderFullMpa { get; init; } = 15.0;
    public double OxygenSupplyC { get; init; } = 0.3;

    // Compressor with its tank.
    public double CompressorFlowLpm { get; init; } = 20.0;
    public double CompressorRatedMpa { get; init; } = 0.80;
    public double CompressorStallMpa { get; init; } = 1.0;
    public double CompressorSpinUpMs { get; init; } = 200.0;
    public double TankMl { get; init; } = 500.0;
    public double InitialTankMpa { get; init; }
    public double TankReliefMpa { get; init; } = 0.95;
    public double TankReliefC { get; init; } = 0.1;
    public double AirSupplyC { get; init; } = 0.3;

    // Source line and the proportional inlet valve.
    public double SourceLineMl { get; init; } = 10.0;
    public double InletC { get; init; } = 0.2;
    public double InletB { get; init; } = 0.3;
    public double InletTauMs { get; init; } = 30.0;

    // Manifold, vent and relief.
    public double ManifoldMl { get; init; } = 20.0;
    public double VentC { get; init; } = 0.05;
    public double VentB { get; init; } = 0.3;
    public double ReliefMpa { get; init; } = 0.70;
    public double ReliefC { get; init; } = 0.2;
    public double ReliefBandMpa { get; init; } = 0.01;

    // Charge valve and nutrient bottle.
    public double ChargeC { get; init; } = 0.06;
    public double ChargeB { get; init; } = 0.3;
    public double BottleMl { get; init; } = 250.0;
    public double LiquidMl { get; init; } = 100.0;
    public double InitialBottleMpa { get; init; }
    public double LevelSwitchLowMarkMl { get; init; } = 10.0;
    public double LiquidFeedMlPerMinPerMpa { get; init; } = 8.0;
    public double LiquidFeedThresholdMpa { get; init; } = 0.05;
    public double LiquidFeedMaxMlPerMin { get; init; } = 5.0;

    /// <summary>
    /// How long the <c>liquid_empty</c> fault takes to empty the bottle, ms. Liquid cannot vanish in
    /// an instant: the headspace grows over this time and its gas expands, so P_bottle falls at a
    /// rate a real bottle could show rather than as an impossible step.
    /// </summary>
    public double LiquidEmptyDrainMs { get; init; } = 100.0;

    /// <summary>
    /// Sonic conductance through which air comes back into the bottle (up the emptied feed line from
    /// the nozzle) while <c>liquid_empty</c> drains an unpressurised bottle, dm³/(s·bar). Large
    /// because the fault compresses a drain of minutes into <see cref="LiquidEmptyDrainMs"/>; the
    /// headspace should stay at ambient, not be pulled into a vacuum no real bottle would show.
    /// </summary>
    public double LiquidEmptyAirInC { get; init; } = 10.0;

    // Spray valve, hose and nozzle.
    public double SprayC { get; init; } = 0.15;
    public double SprayB { get; init; } = 0.3;
    public double HoseMl { get; init; } = 10.0;
    public double NozzleC { get; init; } = 0.04;
    public double NozzleB { get; init; } = 0.5;

    /// <summary>Gas flow through the nozzle below which no mist forms, litres/min ANR.</summary>
    public double MistMinGasLpm { get; init; } = 2.0;

    /// <summary>Fraction of the nozzle conductance left by the <c>nozzle_clogged</c> fault.</summary>
    public double CloggedNozzleFraction { get; init; } = 0.02;

    // Solenoid valves.
    public double SolenoidOnDelayMs { get; init; } = 10.0;
    public double SolenoidOffDelayMs { get; init; } = 15.0;

    // Pressure transducers: 0–1 MPa over 0.5–4.5 V on a 5 V supply.
    public double SensorFullScaleMpa { get; init; } = 1.0;
    public double SensorSupplyVolts { get; init; } = 5.0;
    public double SensorResponseMs { get; init; } = 1.0;
    public double SensorNoiseKpa { get; init; } = 1.0;
    public double POutOffsetMpa { get; init; }
    public double POutGainError { get; init; }
    public double PBottleOffsetMpa { get; init; }
    public double PBottleGainError { get; init; }
    public double PSrcOffsetMpa { get; init; }
    public double PSrcGainError { get; init; }

    // ADS1115 converters: P_out alone in continuous mode, the others multiplexed on a second one.
    public double AdcFullScaleVolts { get; init; } = 6.144;
    public int AdcBits { get; init; } = 16;
    public double AdcOutletSps { get; init; } = 860.0;
    public double AdcMultiplexedSps { get; init; } = 860.0;

    // Operator inputs.
    public double PedalBounceMs { get; init; } = 8.0;

    /// <summary>A collector that names the parameters as scenario files write them (<c>plant.liquid_ml</c>).</summary>
    public static SettingsErrors ScenarioFileKeys() => new("plant", SnakeCase, ".");

    /// <summary>Adds every parameter that cannot describe a real plant under <paramref name="errors"/>'s section.</summary>
    public void Validate(SettingsErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        errors.Positive(AmbientMpaAbs, nameof(AmbientMpaAbs));
        errors.Positive(GasTemperatureK, nameof(GasTemperatureK));
        errors.Range(PolytropicExponent, 1.0, 1.4, nameof(PolytropicExponent));
        errors.Range(IntegrationStepMs, 0.01, 2.0, nameof(IntegrationStepMs));
        errors.Range(MaxIntegrationStepMs, IntegrationStepMs, 10.0, nameof(MaxIntegrationStepMs));
        var subSteps = MaxIntegrationStepMs / IntegrationStepMs;
        if (Math.Abs(subSteps - Math.Round(subSteps)) > 1e-9)
        {
            errors.Add(nameof(MaxIntegrationStepMs), "WholeMultiple", "must be a whole number of {1} ({2}), was {0}", SettingsErrors.N(MaxIntegrationStepMs), errors.Name(nameof(IntegrationStepMs)), SettingsErrors.N(IntegrationStepMs));
        }
        errors.Range(OxygenRegulatorMpa, 0.0, 1.0, nameof(OxygenRegulatorMpa));
        errors.ZeroOrMore(CylinderContentsL, nameof(CylinderContentsL));
        errors.Positive(CylinderFullMpa, nameof(CylinderFullMpa));
        errors.ZeroOrMore(OxygenSupplyC, nameof(OxygenSupplyC));
        errors.ZeroOrMore(CompressorFlowLpm, nameof(CompressorFlowLpm));
        errors.Positive(CompressorRatedMpa, nameof(CompressorRatedMpa));
        if (!(CompressorStallMpa > CompressorRatedMpa))
        {
            errors.Add(nameof(CompressorStallMpa), "MustExceed", "must exceed {1} ({2}), was {0}", SettingsErrors.N(CompressorStallMpa), errors.Name(nameof(CompressorRatedMpa)), SettingsErrors.N(CompressorRatedMpa));
        }

        errors.Positive(CompressorSpinUpMs, nameof(CompressorSpinUpMs));
        errors.Positive(TankMl, nameof(TankMl));
        errors.ZeroOrMore(InitialTankMpa, nameof(InitialTankMpa));
        errors.Positive(TankReliefMpa, nameof(TankReliefMpa));
        errors.ZeroOrMore(TankReliefC, nameof(TankReliefC));
        errors.ZeroOrMore(AirSupplyC, nameof(AirSupplyC));
        errors.Positive(SourceLineMl, nameof(SourceLineMl));
        errors.ZeroOrMore(InletC, nameof(InletC));
        errors.Range(InletB, 0.0, 0.9, nameof(InletB));
        errors.Positive(InletTauMs, nameof(InletTauMs));
        errors.Positive(ManifoldMl, nameof(ManifoldMl));
        errors.ZeroOrMore(VentC, nameof(VentC));
        errors.Range(VentB, 0.0, 0.9, nameof(VentB));
        errors.Positive(ReliefMpa, nameof(ReliefMpa));
        errors.ZeroOrMore(ReliefC, nameof(ReliefC));
        errors.Positive(ReliefBandMpa, nameof(ReliefBandMpa));
        errors.ZeroOrMore(ChargeC, nameof(ChargeC));
        errors.Range(ChargeB, 0.0, 0.9, nameof(ChargeB));
        errors.Positive(BottleMl, nameof(BottleMl));
        errors.Range(LiquidMl, 0.0, BottleMl * 0.95, nameof(LiquidMl));
        errors.ZeroOrMore(InitialBottleMpa, nameof(InitialBottleMpa));
        errors.ZeroOrMore(LevelSwitchLowMarkMl, nameof(LevelSwitchLowMarkMl));
        errors.ZeroOrMore(LiquidFeedMlPerMinPerMpa, nameof(LiquidFeedMlPerMinPerMpa));
        errors.ZeroOrMore(LiquidFeedThresholdMpa, nameof(LiquidFeedThresholdMpa));
        errors.ZeroOrMore(LiquidFeedMaxMlPerMin, nameof(LiquidFeedMaxMlPerMin));
        errors.Positive(LiquidEmptyDrainMs, nameof(LiquidEmptyDrainMs));
        errors.ZeroOrMore(LiquidEmptyAirInC, nameof(LiquidEmptyAirInC));
        errors.ZeroOrMore(SprayC, nameof(SprayC));
        errors.Range(SprayB, 0.0, 0.9, nameof(SprayB));
        errors.Positive(HoseMl, nameof(HoseMl));
        errors.ZeroOrMore(NozzleC, nameof(NozzleC));
        errors.Range(NozzleB, 0.0, 0.9, nameof(NozzleB));
        errors.ZeroOrMore(MistMinGasLpm, nameof(MistMinGasLpm));
        errors.Range(CloggedNozzleFraction, 0.0, 1.0, nameof(CloggedNozzleFraction));
        errors.ZeroOrMore(SolenoidOnDelayMs, nameof(SolenoidOnDelayMs));
        errors.ZeroOrMore(SolenoidOffDelayMs, nameof(SolenoidOffDelayMs));
        errors.Positive(SensorFullScaleMpa, nameof(SensorFullScaleMpa));
        errors.Positive(SensorSupplyVolts, nameof(SensorSupplyVolts));
        errors.Positive(SensorResponseMs, nameof(SensorResponseMs));
        errors.ZeroOrMore(SensorNoiseKpa, nameof(SensorNoiseKpa));
        errors.Range(POutOffsetMpa, -0.2, 0.2, nameof(POutOffsetMpa));
        errors.Range(PBottleOffsetMpa, -0.2, 0.2, nameof(PBottleOffsetMpa));
        errors.Range(PSrcOffsetMpa, -0.2, 0.2, nameof(PSrcOffsetMpa));
        errors.Range(POutGainError, -0.5, 0.5, nameof(POutGainError));
        errors.Range(PBottleGainError, -0.5, 0.5, nameof(PBottleGainError));
        errors.Range(PSrcGainError, -0.5, 0.5, nameof(PSrcGainError));
        errors.Positive(AdcFullScaleVolts, nameof(AdcFullScaleVolts));
        errors.Range(AdcBits, 8, 24, nameof(AdcBits));

        errors.Range(AdcOutletSps, 8.0, 10_000.0, nameof(AdcOutletSps));
        errors.Range(AdcMultiplexedSps, 8.0, 10_000.0, nameof(AdcMultiplexedSps));
        errors.ZeroOrMore(PedalBounceMs, nameof(PedalBounceMs));
    }

    /// <summary>The parameter's name as scenario files write it (LiquidMl → liquid_ml).</summary>
    public static string SnakeCase(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                var previousIsLower = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                var nextIsLower = i + 1 < name.Length && char.IsLower(name[i + 1]);
                if (i > 0 && (previousIsLower || (nextIsLower && char.IsUpper(name[i - 1]))))
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
