using HydroOxygen.Hal;

namespace HydroOxygen.Controller.Supplies;

/// <summary>
/// The <c>Supplies</c> section: how the consumables are estimated and warned about, how often the wear
/// counters are written, and the service intervals an engineer has not yet set (DESIGN §2.8).
/// </summary>
public sealed record SuppliesOptions : ISettingsSection
{
    public const string Section = "Supplies";

    /// <summary>How often the counters and estimates are written to disk, s: the most a kill or a power cut can take from them.</summary>
    public double CheckpointS { get; init; } = 30.0;

    /// <summary>"Refill the bottle soon" at or below this estimate, mL.</summary>
    public double LiquidWarnMl { get; init; } = 20.0;

    /// <summary>The liquid left when the level switch changes over (its mark in the bottle), mL.</summary>
    public double LevelSwitchMarkMl { get; init; } = 10.0;

    /// <summary>The level switch must read the same this long before it corrects the estimate, s (the liquid sloshes).</summary>
    public double LevelSwitchSettleS { get; init; } = 2.0;

    /// <summary>The treatment's expected length, min: oxygen that would not last it is a notice.</summary>
    public double TreatmentMinutes { get; init; } = 60.0;

    /// <summary>The present oxygen use is the average over this window of the device's time, min.</summary>
    public double UseWindowMinutes { get; init; } = 5.0;

    /// <summary>
    /// Litres of oxygen per litre of air through the same conductance (ANR): √(R_O2/R_air) ≈ 0.951,
    /// DESIGN §1.3. 1 where the plant's gas is air (the simulator models oxygen as air).
    /// </summary>
    public double OxygenVolumeFactor { get; init; } = 0.951;

    public double ServiceSprayHours { get; init; } = 500.0;
    public double ServiceCompressorHours { get; init; } = 1000.0;
    public double ServiceSprayValveCycles { get; init; } = 1_000_000.0;
    public double ServiceChargeValveCycles { get; init; } = 1_000_000.0;
    public double ServiceSourceValveCycles { get; init; } = 1_000_000.0;
    public double ServiceVentValveCycles { get; init; } = 2_000_000.0;

    public double DefaultInterval(WearItem item) => item switch
    {
        WearItem.SprayHours => ServiceSprayHours,
        WearItem.CompressorHours => ServiceCompressorHours,
        WearItem.SprayValveCycles => ServiceSprayValveCycles,
        WearItem.ChargeValveCycles => ServiceChargeValveCycles,
        WearItem.SourceValveCycles => ServiceSourceValveCycles,
        WearItem.VentValveCycles => ServiceVentValveCycles,
        _ => throw new ArgumentOutOfRangeException(nameof(item)),
    };

    public void Validate(SettingsErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        errors.Range(CheckpointS, 0.2, 3600, "s", nameof(CheckpointS));
        errors.Range(LiquidWarnMl, 0, 250, "mL", nameof(LiquidWarnMl));
        errors.Range(LevelSwitchMarkMl, 0, 250, "mL", nameof(LevelSwitchMarkMl));
        errors.Range(LevelSwitchSettleS, 0, 60, "s", nameof(LevelSwitchSettleS));
        errors.Range(TreatmentMinutes, 1, 600, "min", nameof(TreatmentMinutes));
        errors.Range(UseWindowMinutes, 0.5, 60, "min", nameof(UseWindowMinutes));
        errors.Range(OxygenVolumeFactor, 0.5, 1.5, nameof(OxygenVolumeFactor));
        foreach (var item in Enum.GetValues<WearItem>())
        {
            errors.Range(DefaultInterval(item), WearItems.MinInterval, WearItems.MaxInterval, "Service" + WearItems.Key(item));
        }
    }
}
