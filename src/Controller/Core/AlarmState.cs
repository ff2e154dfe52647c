using System.Runtime.CompilerServices;

namespace HydroOxygen.Controller.Core;

/// <summary>The state of one alarm code.</summary>
public record struct AlarmState
{
    /// <summary>The alarm condition holds now (after qualification).</summary>
    public bool Active { get; set; }

    /// <summary>Raised and not yet both cleared and acknowledged: shown to the technician.</summary>
    public bool Latched { get; set; }

    public bool Acknowledged { get; set; }

    /// <summary>When it was raised, seconds on the loop clock.</summary>
    public double Since { get; set; }

    /// <summary>The measured value that raised it (MPa, seconds, channel — whatever the code is about).</summary>
    public double Value { get; set; }

    /// <summary>Consecutive samples with the condition true.</summary>
    public int Count { get; set; }
}

/// <summary>One <see cref="AlarmState"/> per <see cref="AlarmCode"/>, stored inline so a status snapshot copies without allocating.</summary>
[InlineArray(AlarmCatalog.Count)]
public struct AlarmStates
{
    private AlarmState _first;
}
