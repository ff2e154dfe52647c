namespace HydroOxygen.Controller.Core;

/// <summary>
/// A treatment session from the first Ready after power-on to Off, tallied on the tick (spray time,
/// setpoint range, the liquid estimated from <see cref="LiquidFeedSettings"/>, alarms raised).
/// </summary>
public sealed class TreatmentSession(LiquidFeedSettings feed, EventRing events)
{
    private SessionTally _tally;

    public ref readonly SessionTally Tally => ref _tally;

    public bool Active => _tally.Active;

    public void Start(double now, double setpointMpa)
    {
        _tally = new SessionTally
        {
            Active = true,
            StartedAt = now,
            MinSetpointMpa = setpointMpa,
            MaxSetpointMpa = setpointMpa,
        };
        events.Write(new ControlEvent(now, ControlEventKind.SessionStarted, Value: setpointMpa));
    }

    public void End(double now)
    {
        _tally.Active = false;
        _tally.EndedAt = now;
        events.Write(new ControlEvent(now, ControlEventKind.SessionEnded, Value: _tally.SpraySeconds));
    }

    public void Add(in TickReadings readings, bool spraying, double setpointMpa, int alarmsLatched)
    {
        if (!_tally.Active)
        {
            return;
        }

        _tally.MinSetpointMpa = Math.Min(_tally.MinSetpointMpa, setpointMpa);
        _tally.MaxSetpointMpa = Math.Max(_tally.MaxSetpointMpa, setpointMpa);
        if (spraying)
        {
            var dt = readings.Dt;
            _tally.SpraySeconds += dt;
            _tally.LiquidUsedMl += feed.MlPerMin(readings.PBottleMpa) * dt / 60.0;
        }

        _tally.AlarmsRaised = alarmsLatched;
    }

    /// <summary>
    /// Gas taken from the oxygen cylinder this tick, as <see cref="UsageMeter"/> counts it (the inlet's
    /// modelled flow, litres ANR of oxygen: <see cref="UsageMeter"/> applies the oxygen volume factor).
    /// </summary>
    public void AddOxygen(double litres)
    {
        if (_tally.Active)
        {
            _tally.OxygenLitres += litres;
        }
    }
}
