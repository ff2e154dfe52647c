using HydroOxygen.Controller.Core;

namespace HydroOxygen.Controller.Records;

internal enum RecordMessageKind : byte
{
    /// <summary>A control event, with the status seen when it was drained.</summary>
    Event,

    /// <summary>A client code for the open session (answered through <see cref="RecordMessage.Reply"/>).</summary>
    ClientCode,
}

/// <summary>What the records writer's queue carries: plain copies, so the writer never reads shared state.</summary>
internal readonly record struct RecordMessage(
    RecordMessageKind Kind,
    DateTimeOffset At,
    ControlEvent Event = default,
    ControllerStatus Status = default,
    string? ClientCode = null,
    TaskCompletionSource<long?>? Reply = null);
