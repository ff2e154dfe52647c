namespace HydroOxygen.Controller.Simulation.Traces;

/// <summary>What a trace column holds, which decides how it is written and what an expectation may ask of it.</summary>
public enum TraceColumnKind : byte
{
    /// <summary>A measurement: written with fixed decimals, checked with <c>{ min, max }</c>.</summary>
    Number,

    /// <summary>A yes/no: written 0/1, checked by equality (<c>0</c>, <c>1</c>, <c>false</c>, <c>true</c>).</summary>
    Flag,

    /// <summary>One of a fixed set of names (state, program, gas source): checked by equality.</summary>
    Choice,

    /// <summary>Any number of names from a fixed set (alarms): written joined by ';', checked by membership.</summary>
    Set,
}
