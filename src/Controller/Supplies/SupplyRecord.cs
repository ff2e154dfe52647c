namespace HydroOxygen.Controller.Supplies;

/// <summary>
/// What is kept on disk (<c>supplies.json</c>): the lifetime wear totals, the bottle's and the
/// cylinder's estimates, and the engineer's service intervals and last services.
/// </summary>
public sealed class SupplyRecord
{
    public WearTotals Totals { get; set; } = new();
    public BottleRecord Bottle { get; set; } = new();
    public CylinderRecord Cylinder { get; set; } = new();

    /// <summary>Service intervals the engineer set (item name → interval), overriding the configured ones.</summary>
    public Dictionary<string, double> Intervals { get; set; } = [];

    /// <summary>The counter's value at each item's last service (item name → value).</summary>
    public Dictionary<string, double> ServicedAt { get; set; } = [];

    /// <summary>The start-of-day checks and end-of-day purges, oldest first (the last <see cref="SupplyLedger.DayRoutinesKept"/>).</summary>
    public List<DayRoutineRecord> DayRoutines { get; set; } = [];

    /// <summary>Counts the checkpoints written (a restart can tell how far it got).</summary>
    public long Checkpoint { get; set; }

    public DateTimeOffset? SavedAt { get; set; }

    public SupplyRecord Copy() => new()
    {
        Totals = Totals with { },
        Bottle = Bottle with { },
        Cylinder = Cylinder with { },
        Intervals = new(Intervals, StringComparer.Ordinal),
        ServicedAt = new(ServicedAt, StringComparer.Ordinal),
        DayRoutines = [.. DayRoutines],
        Checkpoint = Checkpoint,
        SavedAt = SavedAt,
    };
}

/// <summary>Lifetime use and wear, each only ever growing.</summary>
public sealed record WearTotals
{
    public double SprayS { get; set; }
    public double CompressorS { get; set; }
    public double LiquidFedMl { get; set; }
    public double OxygenLitres { get; set; }
    public double AirLitres { get; set; }
    public long SprayValveCycles { get; set; }
    public long ChargeValveCycles { get; set; }
    public long SourceValveCycles { get; set; }
    public long VentValveCycles { get; set; }

    public double Value(WearItem item) => item switch
    {
        WearItem.SprayHours => SprayS / 3600.0,
        WearItem.CompressorHours => CompressorS / 3600.0,
        WearItem.SprayValveCycles => SprayValveCycles,
        WearItem.ChargeValveCycles => ChargeValveCycles,
        WearItem.SourceValveCycles => SourceValveCycles,
        WearItem.VentValveCycles => VentValveCycles,
        _ => throw new ArgumentOutOfRangeException(nameof(item)),
    };
}

/// <summary>The nutrient bottle: what was put in at the last refill and what the estimate says is left.</summary>
public sealed record BottleRecord
{
    public DateTimeOffset? RefilledAt { get; set; }
    public double RefilledMl { get; set; }

    /// <summary>Null until the first refill is recorded.</summary>
    public double? LeftMl { get; set; }
}

/// <summary>The oxygen cylinder: the one fitted last and what the estimate says is left.</summary>
public sealed record CylinderRecord
{
    public DateTimeOffset? ChangedAt { get; set; }

    /// <summary>Water capacity of the cylinder, litres.</summary>
    public double SizeLitres { get; set; }

    /// <summary>Its pressure when fitted, MPa gauge.</summary>
    public double Mpa { get; set; }

    /// <summary>Free gas it held when fitted, litres ANR.</summary>
    public double FullLitres { get; set; }

    /// <summary>Null until the first cylinder change is recorded.</summary>
    public double? LeftLitres { get; set; }
}
