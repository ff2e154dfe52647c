namespace HydroOxygen.Controller.Core;

/// <summary>
/// A fill that runs past its time-out with pressure in the manifold has stalled: against a leak that
/// takes all the inlet gives, or behind an inlet that passes nothing (stuck shut once the fill had
/// begun). The flows cannot tell them apart — in both the regulator asks for more and the pressure
/// stands — so every valve is shut for a moment (<see cref="OutletHoldTest"/>): a manifold that falls
/// has an outlet open (UncommandedFlow, Fault); one that holds is sealed, and the fill goes on with
/// UnderPressure alone.
/// </summary>
public struct StalledFillHold
{
    private OutletHoldTest _hold;

    public enum Verdict : byte
    {
        /// <summary>The fill has not stalled (or was not judged yet).</summary>
        None = 0,
        Holding,

        /// <summary>The manifold held with every valve shut: no gas leaves, the inlet passes nothing.</summary>
        Sealed,

        /// <summary>The manifold fell with every valve shut: an outlet is open.</summary>
        Leaking,

        /// <summary>Too little pressure (or no trusted reading) for a hold to tell: the leak check's flows judge the stall.</summary>
        Unproven,
    }

    public Verdict State { readonly get; private set; }

    /// <summary>Every valve shut while it holds (the caller keeps the selected source open).</summary>
    public readonly ControlOutputs Outputs => _hold.Outputs;

    /// <summary>The stall is left to the leak check's flow judgement (no hold could tell).</summary>
    public readonly bool JudgedByFlow => State == Verdict.Unproven;

    public void Reset() => this = default;

    public void Start(double pOutMpa, bool pOutTrustworthy, double now, SequenceSettings settings)
    {
        if (OutletHoldTest.Worthwhile(pOutMpa, pOutTrustworthy, settings))
        {
            _hold.Start(now);
            State = Verdict.Holding;
        }
        else
        {
            State = Verdict.Unproven;
        }
    }

    public Verdict Update(double pOutMpa, bool pOutTrustworthy, double now, SequenceSettings settings)
    {
        if (State == Verdict.Holding)
        {
            State = _hold.Update(pOutMpa, pOutTrustworthy, now, settings) switch
            {
                OutletHoldTest.Result.Holding => Verdict.Holding,
                OutletHoldTest.Result.OutletOpen => Verdict.Leaking,
                _ => Verdict.Sealed,
            };
        }

        return State;
    }
}
