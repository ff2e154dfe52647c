using HydroOxygen.Controller.Core;

namespace HydroOxygen.Controller.Tests.Core;

/// <summary>Qualification, latch, acknowledge and priorities of the alarms (DESIGN §2.5).</summary>
public sealed class AlarmTableTests
{
    private const int Samples = 3;
    private readonly EventRing _events = new(64);
    private AlarmTable _alarms;
    private double _now;

    [Fact]
    public void A_condition_for_two_samples_raises_nothing_and_for_three_raises_the_alarm()
    {
        Feed(AlarmCode.OverPressure, true, 2);
        Assert.False(_alarms.IsLatched(AlarmCode.OverPressure));

        Feed(AlarmCode.OverPressure, true, 1);
        var alarm = _alarms[AlarmCode.OverPressure];
        Assert.True(alarm.Latched && alarm.Active && !alarm.Acknowledged);
        Assert.Equal(0.66, alarm.Value);
        Assert.Equal(_now, alarm.Since);
    }

    [Fact]
    public void Samples_must_be_consecutive()
    {
        Feed(AlarmCode.OverPressure, true, 2);
        Feed(AlarmCode.OverPressure, false, 1);
        Feed(AlarmCode.OverPressure, true, 2);

        Assert.False(_alarms.IsLatched(AlarmCode.OverPressure));
    }

    [Fact]
    public void A_raised_alarm_stays_latched_after_its_cause_clears_until_acknowledged()
    {
        Feed(AlarmCode.OverPressure, true, Samples);
        Feed(AlarmCode.OverPressure, false, 100);

        var alarm = _alarms[AlarmCode.OverPressure];
        Assert.True(alarm.Latched);
        Assert.False(alarm.Active);
        Assert.True(_alarms.AnySafeStateAlarmLatched);

        _alarms.Acknowledge(_now, _events);

        Assert.False(_alarms.IsLatched(AlarmCode.OverPressure));
        Assert.False(_alarms.AnySafeStateAlarmLatched);
    }

    [Fact]
    public void Acknowledging_an_alarm_whose_cause_persists_keeps_it_until_the_cause_clears()
    {
        Feed(AlarmCode.OverPressure, true, Samples);

        _alarms.Acknowledge(_now, _events);
        Feed(AlarmCode.OverPressure, true, 10);

        var alarm = _alarms[AlarmCode.OverPressure];
        Assert.True(alarm.Latched && alarm.Active && alarm.Acknowledged);
        Assert.True(_alarms.AnySafeStateAlarmLatched);
        Assert.Null(_alarms.HighestUnacknowledged);

        // Once the cause clears, the acknowledged alarm goes by itself.
        Feed(AlarmCode.OverPressure, false, 1);
        Assert.False(_alarms.IsLatched(AlarmCode.OverPressure));
    }

    [Fact]
    public void An_acknowledged_alarm_that_clears_and_comes_back_is_raised_afresh()
    {
        Feed(AlarmCode.SupplyLow, true, Samples);
        _alarms.Acknowledge(_now, _events);
        Feed(AlarmCode.SupplyLow, false, 1);

        Feed(AlarmCode.SupplyLow, true, Samples);

        var alarm = _alarms[AlarmCode.SupplyLow];
        Assert.True(alarm.Latched && !alarm.Acknowledged);
        Assert.Equal(_now, alarm.Since);
    }

    [Fact]
    public void Raising_writes_one_event_and_clearing_one_more()
    {
        Feed(AlarmCode.LiquidEmpty, true, Samples + 5);
        Feed(AlarmCode.LiquidEmpty, false, 1);
        _alarms.Acknowledge(_now, _events);

        var events = Drain();
        Assert.Equal(
            [(ControlEventKind.AlarmRaised, AlarmCode.LiquidEmpty), (ControlEventKind.AlarmCleared, AlarmCode.LiquidEmpty)],
            events.Select(e => (e.Kind, e.Alarm)));
    }

    [Theory]
    [InlineData(AlarmCode.OverPressure, AlarmPriority.High)]
    [InlineData(AlarmCode.SupplyLost, AlarmPriority.High)]
    [InlineData(AlarmCode.SensorFault, AlarmPriority.High)]
    [InlineData(AlarmCode.LoopOverrun, AlarmPriority.High)]
    [InlineData(AlarmCode.CalibrationInvalid, AlarmPriority.High)]
    [InlineData(AlarmCode.CompressorFault, AlarmPriority.High)]
    [InlineData(AlarmCode.UncommandedFlow, AlarmPriority.High)]
    [InlineData(AlarmCode.VentFailure, AlarmPriority.High)]
    [InlineData(AlarmCode.UnderPressure, AlarmPriority.Medium)]
    [InlineData(AlarmCode.SupplyLow, AlarmPriority.Medium)]
    [InlineData(AlarmCode.BottleNotCharging, AlarmPriority.Medium)]
    [InlineData(AlarmCode.LiquidEmpty, AlarmPriority.Medium)]
    [InlineData(AlarmCode.NozzleBlocked, AlarmPriority.Medium)]
    [InlineData(AlarmCode.PedalStuck, AlarmPriority.Low)]
    [InlineData(AlarmCode.SprayTimeout, AlarmPriority.Low)]
    public void Priorities_and_which_alarms_force_the_safe_state(AlarmCode code, AlarmPriority priority)
    {
        Assert.Equal(priority, AlarmCatalog.PriorityOf(code));
        Assert.Equal(priority == AlarmPriority.High, AlarmCatalog.ForcesSafeState(code));
    }

    [Fact]
    public void The_highest_unacknowledged_priority_is_what_the_indicator_shows()
    {
        Feed(AlarmCode.PedalStuck, true, Samples);
        Assert.Equal(AlarmPriority.Low, _alarms.HighestUnacknowledged);

        Feed(AlarmCode.SupplyLow, true, Samples);
        Assert.Equal(AlarmPriority.Medium, _alarms.HighestUnacknowledged);
        Assert.False(_alarms.AnySafeStateAlarmLatched);

        _alarms.Raise(AlarmCode.SensorFault, 3.0, _now, _events);
        Assert.Equal(AlarmPriority.High, _alarms.HighestUnacknowledged);
        Assert.True(_alarms.AnySafeStateAlarmLatched);
        Assert.Equal(3, _alarms.LatchedCount);
    }

    private void Feed(AlarmCode code, bool condition, int samples)
    {
        for (var i = 0; i < samples; i++)
        {
            _now += 0.002;
            _alarms.Evaluate(code, condition, Samples, 0.66, _now, _events);
        }
    }

    private List<ControlEvent> Drain()
    {
        var events = new List<ControlEvent>();
        while (_events.TryRead(out var e))
        {
            events.Add(e);
        }

        return events;
    }
}
