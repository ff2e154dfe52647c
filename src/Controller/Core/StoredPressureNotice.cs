namespace HydroOxygen.Controller.Core;

/// <summary>
/// DESIGN §2.5, stored pressure is never left silently: wherever the device has stopped working the
/// bottle (Off, Fault, a shutdown or self-test that leaves it sealed), a bottle that reads under
/// pressure, or cannot be read, is on the status and in the event log, once when it starts and again at each ending.
/// </summary>
public sealed class StoredPressureNotice(SequenceSettings sequence, EventRing events, TransducerChecks transducers)
{
    /// <summary>The screen says "bottle under pressure, do not open".</summary>
    public bool Shown { get; private set; }

    /// <summary>
    /// The bottle transducer has been judged faulty since it last read zero vented (self-test, a
    /// confirmed shutdown): a drifted transducer reads plausibly again, but not truly.
    /// </summary>
    public bool SensorDoubted { get; private set; }

    /// <summary>The bottle was seen vented on a plausible transducer, unless it was <paramref name="leftSealed"/>.</summary>
    public void BottleSeenVented(bool leftSealed) => SensorDoubted &= leftSealed;

    /// <summary>Each tick: shows the notice where the device does not work the bottle and it may hold pressure.</summary>
    public void Watch(bool bottleLeftAlone, DeviceState state, double now)
    {
        var notice = bottleLeftAlone && BottleMayHoldPressure();
        if (notice && !Shown)
        {
            Report(state, now);
        }

        Shown = notice;
    }

    /// <summary>The device goes off: the ending's own word, before the session closes, so that its record keeps it.</summary>
    public void AtEnding(DeviceState state, double now)
    {
        if (BottleMayHoldPressure())
        {
            Report(state, now);
            Shown = true;
        }
    }

    private bool BottleMayHoldPressure()
    {
        SensorDoubted |= transducers.PBottleFaulty;
        return SensorDoubted || transducers.PBottleMpa >= sequence.ShutdownVentedBelowMpa;
    }

    private void Report(DeviceState state, double now)
    {
        // (The alarm names why the reading is uncertain: SensorFault when the transducer is in doubt.)
        var why = SensorDoubted ? AlarmCode.SensorFault : AlarmCode.VentFailure;
        events.Write(new ControlEvent(now, ControlEventKind.BottleUnderPressure, state, state, why, transducers.PBottleMpa));
    }
}
