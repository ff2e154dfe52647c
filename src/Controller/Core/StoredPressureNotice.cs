namespace HydroOxygen.Controller.Core;

/// <summary>
/// DESIGN §2.5, stored pressure is never left silently: wherever the device has stopped working the
/// bottle (Off, Fault, a shutdown or self-test that leaves it sealed), a bottle that reads under
/// pressure, or cannot be read, is on the status and in the event log, once when it starts and again at each ending.
/// </summary>
/// <remarks>
/// Once shown, the notice stays until the bottle is seen vented: a confirmed vent, or readings clearly
/// below the limit for a while. A bottle sealed within the transducer's noise (~1–2 kPa RMS) of the
/// limit otherwise flickered the notice on every other reading, and the ending judged one of them.
/// </remarks>
public sealed class StoredPressureNotice(SequenceSettings sequence, EventRing events, TransducerChecks transducers)
{
    /// <summary>A reading this far under the limit is not noise on a bottle at the limit (2.5 σ at 2 kPa RMS), MPa.</summary>
    private const double ClearlyBelowMpa = 0.005;

    /// <summary>Readings clearly under the limit for this long are a bottle that has lost its pressure, s.</summary>
    private const double ClearlyBelowForS = 0.5;

    private ConditionTimer _clearlyBelow;

    /// <summary>The screen says "bottle under pressure, do not open".</summary>
    public bool Shown { get; private set; }

    /// <summary>
    /// The bottle transducer has been judged faulty since it last read zero vented (self-test, a
    /// confirmed shutdown): a drifted transducer reads plausibly again, but not truly.
    /// </summary>
    public bool SensorDoubted { get; private set; }

    /// <summary>The bottle was seen vented on a plausible transducer, unless it was <paramref name="leftSealed"/>.</summary>
    public void BottleSeenVented(bool leftSealed)
    {
        SensorDoubted &= leftSealed;
        Shown &= leftSealed;
    }

    /// <summary>Each tick: shows the notice where the device does not work the bottle and it may hold pressure.</summary>
    public void Watch(bool bottleLeftAlone, DeviceState state, double now)
    {
        if (!bottleLeftAlone)
        {
            Shown = false;
            _clearlyBelow.Reset();
            return;
        }

        var mayHold = BottleMayHoldPressure();
        var vented = _clearlyBelow.Update(!mayHold && transducers.PBottleMpa < sequence.ShutdownVentedBelowMpa - ClearlyBelowMpa, now, ClearlyBelowForS);
        if (mayHold && !Shown)
        {
            Report(state, now);
            Shown = true;
        }
        else if (vented)
        {
            Shown = false;
        }
    }

    /// <summary>The device goes off: the ending's own word, before the session closes, so that its record keeps it.</summary>
    public void AtEnding(DeviceState state, double now)
    {
        // A notice shown on the last tick stands: one reading under the limit is noise, not a vent.
        if (BottleMayHoldPressure() || Shown)
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
