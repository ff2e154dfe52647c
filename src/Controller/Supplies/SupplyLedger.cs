using HydroOxygen.Controller.Core;

namespace HydroOxygen.Controller.Supplies;

/// <summary>
/// The consumables estimates and the lifetime wear counters, advanced from the core's usage counters
/// (DESIGN §2.8). Off the tick: it takes status snapshots, and only their differences count, so how
/// often it is given one changes nothing. Thread-safe.
/// </summary>
public sealed class SupplyLedger
{
    private readonly Lock _lock = new();
    private readonly SuppliesOptions _options;
    private readonly OxygenUseWindow _use;
    private readonly SupplyRecord _record;
    private long _dayRoutineRuns;
    private UsageCounters _last;
    private bool _switchReading = true;
    private double _switchSince = double.NaN;
    private double _sessionElapsedS;
    private bool _sessionActive;
    private bool _oxygenSelected;

    public SupplyLedger(SuppliesOptions options, SupplyRecord? restored = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _record = restored?.Copy() ?? new SupplyRecord();
        _use = new OxygenUseWindow(options.UseWindowMinutes * 60.0);
    }

    public SuppliesOptions Options => _options;

    /// <summary>Takes the usage since the last snapshot into the totals and the estimates.</summary>
    public void Observe(in ControllerStatus status)
    {
        var usage = status.Usage;
        lock (_lock)
        {
            var d = Difference(in usage, in _last);
            _last = usage;
            var totals = _record.Totals;
            totals.SprayS += d.SprayS;
            totals.CompressorS += d.CompressorS;
            totals.LiquidFedMl += d.LiquidFedMl;
            totals.OxygenLitres += d.OxygenLitres;
            totals.AirLitres += d.AirLitres;
            totals.SprayValveCycles += d.SprayValveCycles;
            totals.ChargeValveCycles += d.ChargeValveCycles;
            totals.SourceValveCycles += d.SourceValveCycles;
            totals.VentValveCycles += d.VentValveCycles;

            if (_record.Bottle.LeftMl is { } liquid)
            {
                _record.Bottle.LeftMl = FollowLevelSwitch(Math.Max(0.0, liquid - d.LiquidFedMl), status.LiquidPresent, status.Time);
            }
            else
            {
                FollowLevelSwitch(double.NaN, status.LiquidPresent, status.Time);
            }

            if (_record.Cylinder.LeftLitres is { } oxygen)
            {
                _record.Cylinder.LeftLitres = Math.Max(0.0, oxygen - d.OxygenLitres);
            }

            _use.Add(status.Time, totals.OxygenLitres);
            _sessionActive = status.Session.Active;
            _sessionElapsedS = status.Session.ElapsedS(status.Time);
            _oxygenSelected = status.GasSource == GasSource.Oxygen;
        }
    }

    /// <summary>How many daily routine records <c>supplies.json</c> keeps (a year of two a day).</summary>
    public const int DayRoutinesKept = 730;

    /// <summary>Keeps a daily routine that has ended since the last look; returns whether there was one (to be written at once).</summary>
    public bool FollowDayRoutine(in DayRoutineProgress progress, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (progress.Runs <= _dayRoutineRuns)
            {
                // Fewer than seen: the controller started again; its count starts from zero.
                _dayRoutineRuns = Math.Min(_dayRoutineRuns, progress.Runs);
                return false;
            }

            _dayRoutineRuns = progress.Runs;
            if (progress.Running || progress.Kind == DayRoutineKind.None)
            {
                return false;
            }

            _record.DayRoutines.Add(DayRoutineRecord.Of(in progress, now));
            if (_record.DayRoutines.Count > DayRoutinesKept)
            {
                _record.DayRoutines.RemoveRange(0, _record.DayRoutines.Count - DayRoutinesKept);
            }

            return true;
        }
    }

    /// <summary>The daily routines kept, newest first.</summary>
    public IReadOnlyList<DayRoutineRecord> DayRoutines()
    {
        lock (_lock)
        {
            return [.. Enumerable.Reverse(_record.DayRoutines)];
        }
    }

    /// <summary>The technician refilled the bottle with <paramref name="ml"/> of liquid.</summary>
    public void BottleRefilled(double ml, DateTimeOffset at)
    {
        lock (_lock)
        {
            _record.Bottle = new BottleRecord { RefilledAt = at, RefilledMl = ml, LeftMl = ml };
        }
    }

    /// <summary>A cylinder of <paramref name="sizeLitres"/> water capacity at <paramref name="mpa"/> (gauge) was fitted.</summary>
    public void CylinderChanged(double sizeLitres, double mpa, DateTimeOffset at)
    {
        var litres = CylinderLitres(sizeLitres, mpa);
        lock (_lock)
        {
            _record.Cylinder = new CylinderRecord { ChangedAt = at, SizeLitres = sizeLitres, Mpa = mpa, FullLitres = litres, LeftLitres = litres };
        }
    }

    /// <summary>Free gas in a cylinder: its water capacity times its gauge pressure in bar (what leaves it down to ambient), litres ANR.</summary>
    public static double CylinderLitres(double sizeLitres, double mpa) => sizeLitres * mpa * 10.0;

    public void SetInterval(WearItem item, double interval)
    {
        lock (_lock)
        {
            _record.Intervals[WearItems.Name(item)] = interval;
        }
    }

    /// <summary>The engineer serviced the item: its count towards the next service starts again (the counter itself goes on).</summary>
    public void Serviced(WearItem item)
    {
        lock (_lock)
        {
            _record.ServicedAt[WearItems.Name(item)] = _record.Totals.Value(item);
        }
    }

    /// <summary>A copy of what is to be kept, marked as the next checkpoint.</summary>
    public SupplyRecord NextCheckpoint(DateTimeOffset now)
    {
        lock (_lock)
        {
            _record.Checkpoint++;
            _record.SavedAt = now;
            return _record.Copy();
        }
    }

    public SupplyRecord Record()
    {
        lock (_lock)
        {
            return _record.Copy();
        }
    }

    /// <summary>The estimates and notices as they stand.</summary>
    public SupplyView View()
    {
        lock (_lock)
        {
            var bottle = _record.Bottle;
            var cylinder = _record.Cylinder;
            var useLpm = _use.Lpm;
            var planningLpm = useLpm is > 0 ? useLpm : _use.LastNonZeroLpm;
            double? minutesLeft = cylinder.LeftLitres is { } left && planningLpm is > 0 ? left / planningLpm.Value : null;
            var remainingMin = _sessionActive ? Math.Max(0.0, _options.TreatmentMinutes - (_sessionElapsedS / 60.0)) : _options.TreatmentMinutes;
            var notices = new List<SupplyNoticeCode>();
            if (bottle.LeftMl is null)
            {
                notices.Add(SupplyNoticeCode.BottleNotRecorded);
            }
            else if (bottle.LeftMl <= _options.LiquidWarnMl)
            {
                notices.Add(SupplyNoticeCode.LiquidLow);
            }

            if (_oxygenSelected && cylinder.LeftLitres is null)
            {
                notices.Add(SupplyNoticeCode.CylinderNotRecorded);
            }
            else if (_oxygenSelected && minutesLeft is { } minutes && minutes < remainingMin)
            {
                notices.Add(SupplyNoticeCode.OxygenWillNotLast);
            }

            var wear = Enum.GetValues<WearItem>().Select(item => Wear(item)).ToArray();
            if (wear.Any(w => w.Due))
            {
                notices.Add(SupplyNoticeCode.ServiceDue);
            }

            return new SupplyView(
                bottle with { },
                cylinder with { },
                useLpm,
                minutesLeft,
                remainingMin,
                !_switchReading && !double.IsNaN(_switchSince),
                _record.Totals with { },
                wear,
                notices,
                _record.Checkpoint);
        }
    }

    private WearState Wear(WearItem item)
    {
        var name = WearItems.Name(item);
        var interval = _record.Intervals.TryGetValue(name, out var set) ? set : _options.DefaultInterval(item);
        var value = _record.Totals.Value(item);
        var since = value - _record.ServicedAt.GetValueOrDefault(name);
        return new WearState(item, value, interval, since, since >= interval);
    }

    /// <summary>
    /// The level switch corrects the estimate once it has read the same for a while: dry means at most
    /// the liquid at its mark, wet means at least that much.
    /// </summary>
    private double FollowLevelSwitch(double estimate, bool liquidPresent, double now)
    {
        if (liquidPresent != _switchReading || double.IsNaN(_switchSince))
        {
            _switchReading = liquidPresent;
            _switchSince = now;
        }

        if (double.IsNaN(estimate) || now - _switchSince < _options.LevelSwitchSettleS)
        {
            return estimate;
        }

        return liquidPresent ? Math.Max(estimate, _options.LevelSwitchMarkMl) : Math.Min(estimate, _options.LevelSwitchMarkMl);
    }

    /// <summary>What was used between two snapshots; a counter that went down means a new core (counted from zero).</summary>
    private static UsageCounters Difference(in UsageCounters now, in UsageCounters before)
    {
        var restarted = now.SprayS < before.SprayS || now.LiquidFedMl < before.LiquidFedMl || now.OxygenLitres < before.OxygenLitres
            || now.VentValveCycles < before.VentValveCycles || now.SourceValveCycles < before.SourceValveCycles;
        if (restarted)
        {
            return now;
        }

        return new UsageCounters
        {
            SprayS = now.SprayS - before.SprayS,
            CompressorS = Math.Max(0.0, now.CompressorS - before.CompressorS),
            LiquidFedMl = now.LiquidFedMl - before.LiquidFedMl,
            OxygenLitres = now.OxygenLitres - before.OxygenLitres,
            AirLitres = Math.Max(0.0, now.AirLitres - before.AirLitres),
            SprayValveCycles = Math.Max(0, now.SprayValveCycles - before.SprayValveCycles),
            ChargeValveCycles = Math.Max(0, now.ChargeValveCycles - before.ChargeValveCycles),
            SourceValveCycles = now.SourceValveCycles - before.SourceValveCycles,
            VentValveCycles = now.VentValveCycles - before.VentValveCycles,
        };
    }
}

/// <summary>What the ledger says now.</summary>
public sealed record SupplyView(
    BottleRecord Bottle,
    CylinderRecord Cylinder,
    double? OxygenUseLpm,
    double? OxygenMinutesLeft,
    double TreatmentMinutesLeft,
    bool LevelSwitchDry,
    WearTotals Totals,
    IReadOnlyList<WearState> Wear,
    IReadOnlyList<SupplyNoticeCode> Notices,
    long Checkpoint);

/// <summary>One wear item against its service interval.</summary>
public sealed record WearState(WearItem Item, double Value, double Interval, double SinceService, bool Due);

/// <summary>The notices of DESIGN §2.8 (not alarms: nothing stops, the technician is told in time).</summary>
public enum SupplyNoticeCode
{
    BottleNotRecorded,
    LiquidLow,
    CylinderNotRecorded,
    OxygenWillNotLast,
    ServiceDue,
}
