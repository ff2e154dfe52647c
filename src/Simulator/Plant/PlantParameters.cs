namespace HydroOxygen.Simulator.Plant;

/// <summary>
/// Every number of the plant model (DESIGN §1.3), in the units of a datasheet: MPa gauge,
/// millilitres, dm³/(s·bar), milliseconds, litres per minute (ANR).
/// </summary>
/// <remarks>
/// Flat on purpose: scenario files override single parameters by their snake_case name
/// (<c>plant: { liquid_ml: 40 }</c>), which is how a tester thinks of them.
/// </remarks>
public sealed record PlantParameters
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

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first parameter that cannot describe a real plant.</summary>
    public void Validate()
    {
        Positive(AmbientMpaAbs, nameof(AmbientMpaAbs));
        Positive(GasTemperatureK, nameof(GasTemperatureK));
        Within(PolytropicExponent, 1.0, 1.4, nameof(PolytropicExponent));
        Within(IntegrationStepMs, 0.01, 2.0, nameof(IntegrationStepMs));
        Within(MaxIntegrationStepMs, IntegrationStepMs, 10.0, nameof(MaxIntegrationStepMs));
        var subSteps = MaxIntegrationStepMs / IntegrationStepMs;
        if (Math.Abs(subSteps - Math.Round(subSteps)) > 1e-9)
        {
            throw new ArgumentException($"max_integration_step_ms ({MaxIntegrationStepMs}) must be a whole number of integration_step_ms ({IntegrationStepMs}).");
        }
        Within(OxygenRegulatorMpa, 0.0, 1.0, nameof(OxygenRegulatorMpa));
        NonNegative(CylinderContentsL, nameof(CylinderContentsL));
        Positive(CylinderFullMpa, nameof(CylinderFullMpa));
        NonNegative(OxygenSupplyC, nameof(OxygenSupplyC));
        NonNegative(CompressorFlowLpm, nameof(CompressorFlowLpm));
        Positive(CompressorRatedMpa, nameof(CompressorRatedMpa));
        if (!(CompressorStallMpa > CompressorRatedMpa))
        {
            throw new ArgumentException($"compressor_stall_mpa ({CompressorStallMpa}) must exceed compressor_rated_mpa ({CompressorRatedMpa}).");
        }

        Positive(CompressorSpinUpMs, nameof(CompressorSpinUpMs));
        Positive(TankMl, nameof(TankMl));
        NonNegative(InitialTankMpa, nameof(InitialTankMpa));
        Positive(TankReliefMpa, nameof(TankReliefMpa));
        NonNegative(TankReliefC, nameof(TankReliefC));
        NonNegative(AirSupplyC, nameof(AirSupplyC));
        Positive(SourceLineMl, nameof(SourceLineMl));
        NonNegative(InletC, nameof(InletC));
        CriticalRatio(InletB, nameof(InletB));
        Positive(InletTauMs, nameof(InletTauMs));
        Positive(ManifoldMl, nameof(ManifoldMl));
        NonNegative(VentC, nameof(VentC));
        CriticalRatio(VentB, nameof(VentB));
        Positive(ReliefMpa, nameof(ReliefMpa));
        NonNegative(ReliefC, nameof(ReliefC));
        Positive(ReliefBandMpa, nameof(ReliefBandMpa));
        NonNegative(ChargeC, nameof(ChargeC));
        CriticalRatio(ChargeB, nameof(ChargeB));
        Positive(BottleMl, nameof(BottleMl));
        Within(LiquidMl, 0.0, BottleMl * 0.95, nameof(LiquidMl));
        NonNegative(InitialBottleMpa, nameof(InitialBottleMpa));
        NonNegative(LevelSwitchLowMarkMl, nameof(LevelSwitchLowMarkMl));
        NonNegative(LiquidFeedMlPerMinPerMpa, nameof(LiquidFeedMlPerMinPerMpa));
        NonNegative(LiquidFeedThresholdMpa, nameof(LiquidFeedThresholdMpa));
        NonNegative(LiquidFeedMaxMlPerMin, nameof(LiquidFeedMaxMlPerMin));
        Positive(LiquidEmptyDrainMs, nameof(LiquidEmptyDrainMs));
        NonNegative(LiquidEmptyAirInC, nameof(LiquidEmptyAirInC));
        NonNegative(SprayC, nameof(SprayC));
        CriticalRatio(SprayB, nameof(SprayB));
        Positive(HoseMl, nameof(HoseMl));
        NonNegative(NozzleC, nameof(NozzleC));
        CriticalRatio(NozzleB, nameof(NozzleB));
        NonNegative(MistMinGasLpm, nameof(MistMinGasLpm));
        Within(CloggedNozzleFraction, 0.0, 1.0, nameof(CloggedNozzleFraction));
        NonNegative(SolenoidOnDelayMs, nameof(SolenoidOnDelayMs));
        NonNegative(SolenoidOffDelayMs, nameof(SolenoidOffDelayMs));
        Positive(SensorFullScaleMpa, nameof(SensorFullScaleMpa));
        Positive(SensorSupplyVolts, nameof(SensorSupplyVolts));
        Positive(SensorResponseMs, nameof(SensorResponseMs));
        NonNegative(SensorNoiseKpa, nameof(SensorNoiseKpa));
        Within(POutOffsetMpa, -0.2, 0.2, nameof(POutOffsetMpa));
        Within(PBottleOffsetMpa, -0.2, 0.2, nameof(PBottleOffsetMpa));
        Within(PSrcOffsetMpa, -0.2, 0.2, nameof(PSrcOffsetMpa));
        Within(POutGainError, -0.5, 0.5, nameof(POutGainError));
        Within(PBottleGainError, -0.5, 0.5, nameof(PBottleGainError));
        Within(PSrcGainError, -0.5, 0.5, nameof(PSrcGainError));
        Positive(AdcFullScaleVolts, nameof(AdcFullScaleVolts));
        if (AdcBits is < 8 or > 24)
        {
            throw new ArgumentException($"adc_bits must be 8–24, was {AdcBits}.");
        }

        Within(AdcOutletSps, 8.0, 10_000.0, nameof(AdcOutletSps));
        Within(AdcMultiplexedSps, 8.0, 10_000.0, nameof(AdcMultiplexedSps));
        NonNegative(PedalBounceMs, nameof(PedalBounceMs));
    }

    private static void Positive(double value, string name)
    {
        if (!(value > 0) || !double.IsFinite(value))
        {
            throw new ArgumentException($"{SnakeCase(name)} must be a positive number, was {value}.");
        }
    }

    private static void NonNegative(double value, string name)
    {
        if (!(value >= 0) || !double.IsFinite(value))
        {
            throw new ArgumentException($"{SnakeCase(name)} must be zero or more, was {value}.");
        }
    }

    private static void Within(double value, double min, double max, string name)
    {
        if (!(value >= min && value <= max))
        {
            throw new ArgumentException($"{SnakeCase(name)} must be within {min}–{max}, was {value}.");
        }
    }

    private static void CriticalRatio(double value, string name) => Within(value, 0.0, 0.9, name);

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
