namespace HydroOxygen.Controller.Tests.BadInput.Fuzzing;

/// <summary>The ways a fuzzer damages a real file: at the byte level, the line level and the value level.</summary>
internal enum MutationKind
{
    FlipByte,
    Truncate,
    DuplicateLine,
    DeleteLine,
    SwapLines,

    /// <summary>The text after a line's first colon becomes one of <see cref="Mutation.Values"/>.</summary>
    ReplaceValue,

    /// <summary>Brackets nested hundreds deep at a random place.</summary>
    DeepNesting,

    /// <summary>One of <see cref="Mutation.Values"/> inserted at a random place.</summary>
    Insert,
}
