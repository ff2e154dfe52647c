namespace HydroOxygen.Controller.Core;

/// <summary>
/// Qualifies, latches and acknowledges alarms (DESIGN §2.5). A condition must hold for N
/// consecutive samples to raise its alarm; a raised alarm stays latched until its condition has
/// cleared and it has been acknowledged, in either order.
/// </summary>
public struct AlarmTable
{
    private AlarmStates _states;

    public readonly AlarmStates States => _states;

    public readonly AlarmState this[AlarmCode code] => _states[(int)code];

    public readonly bool IsLatched(AlarmCode code) => _states[(int)code].Latched;

    /// <summary>Whether any alarm that forces the safe state is latched.</summary>
    public readonly bool AnySafeStateAlarmLatched
    {
        get
        {
            for (var i = 0; i < AlarmCatalog.Count; i++)
            {
                if (_states[i].Latched && AlarmCatalog.ForcesSafeState((AlarmCode)i))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Highest priority among latched, unacknowledged alarms; null if there is none.</summary>
    public readonly AlarmPriority? HighestUnacknowledged
    {
        get
        {
            AlarmPriority? highest = null;
            for (var i = 0; i < AlarmCatalog.Count; i++)
            {
                if (_states[i].Latched && !_states[i].Acknowledged)
                {
                    var priority = AlarmCatalog.PriorityOf((AlarmCode)i);
                    if (highest is null || priority > highest)
                    {
                        highest = priority;
                    }
                }
            }

            return highest;
        }
    }

    /// <summary>The latched alarms, one bit per <see cref="AlarmCode"/>.</summary>
    public readonly uint LatchedBits
    {
        get
        {
            uint bits = 0;
            for (var i = 0; i < AlarmCatalog.Count; i++)
            {
                bits |= _states[i].Latched ? 1u << i : 0u;
            }

            return bits;
        }
    }

    public readonly int LatchedCount
    {
        get
        {
            var count = 0;
            for (var i = 0; i < AlarmCatalog.Count; i++)
            {
                count += _states[i].Latched ? 1 : 0;
            }

            return count;
        }
    }

    /// <summary>Feeds one sample of an alarm's condition.</summary>
    /// <param name="samples">Consecutive true samples needed to raise it.</param>
    public void Evaluate(AlarmCode code, bool condition, int samples, double value, double now, EventRing events)
    {
        ref var alarm = ref _states[(int)code];
        if (condition)
        {
            alarm.Count = Math.Min(alarm.Count + 1, int.MaxValue - 1);
            if (alarm.Count >= samples && !alarm.Active)
            {
                alarm.Active = true;
                Latch(ref alarm, code, value, now, events);
            }

            return;
        }

        alarm.Count = 0;
        if (alarm.Active)
        {
            alarm.Active = false;
            if (alarm.Latched && alarm.Acknowledged)
            {
                Remove(ref alarm, code, now, events);
            }
        }
    }

    /// <summary>Raises an alarm for something that happened (a time-out, a blocked nozzle) rather than a lasting condition.</summary>
    public void Raise(AlarmCode code, double value, double now, EventRing events)
    {
        ref var alarm = ref _states[(int)code];
        Latch(ref alarm, code, value, now, events);
    }

    /// <summary>Acknowledges every latched alarm; those whose condition has cleared disappear.</summary>
    public void Acknowledge(double now, EventRing events)
    {
        for (var i = 0; i < AlarmCatalog.Count; i++)
        {
            ref var alarm = ref _states[i];
            if (!alarm.Latched)
            {
                continue;
            }

            alarm.Acknowledged = true;
            if (!alarm.Active)
            {
                Remove(ref alarm, (AlarmCode)i, now, events);
            }
        }
    }

    private static void Latch(ref AlarmState alarm, AlarmCode code, double value, double now, EventRing events)
    {
        if (alarm.Latched && !alarm.Acknowledged)
        {
            return;
        }

        var wasLatched = alarm.Latched;
        alarm.Latched = true;
        alarm.Acknowledged = false;
        if (!wasLatched)
        {
            alarm.Since = now;
            alarm.Value = value;
        }

        events.Write(new ControlEvent(now, ControlEventKind.AlarmRaised, Alarm: code, Value: value));
    }

    private static void Remove(ref AlarmState alarm, AlarmCode code, double now, EventRing events)
    {
        alarm.Latched = false;
        alarm.Acknowledged = false;
        events.Write(new ControlEvent(now, ControlEventKind.AlarmCleared, Alarm: code));
    }
}
