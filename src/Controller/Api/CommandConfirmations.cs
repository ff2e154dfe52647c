using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Hosting;

namespace HydroOxygen.Controller.Api;

/// <summary>The loop's final word on a command: its outcome, and the state and program it judged it in (to put a refusal into words).</summary>
/// <param name="Command">The command as the loop judged it (a plan command with its target filled in).</param>
public readonly record struct CommandVerdict(CommandOutcome Outcome, DeviceState State, int ProgramIndex, ControlCommand Command = default);

/// <summary>
/// Matches the loop's CommandAccepted/CommandRejected events to the commands the API posted, so
/// that a request can answer with what the loop actually did. A verdict that arrives before
/// anyone waits for it (the post and the drain raced) is kept for a short while.
/// </summary>
public sealed class CommandConfirmations : IControlEventSink
{
    private const int EarlyLimit = 64;
    private readonly Lock _lock = new();
    private readonly Dictionary<long, TaskCompletionSource<CommandVerdict>> _waiting = [];
    private readonly Dictionary<long, CommandVerdict> _early = [];
    private readonly Queue<long> _earlyOrder = new();

    /// <summary>The verdict on the command posted with <paramref name="id"/>, when the loop has given it.</summary>
    public Task<CommandVerdict> Expect(long id)
    {
        lock (_lock)
        {
            if (_early.Remove(id, out var verdict))
            {
                return Task.FromResult(verdict);
            }

            var waiter = new TaskCompletionSource<CommandVerdict>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting[id] = waiter;
            return waiter.Task;
        }
    }

    /// <summary>Stops waiting (the caller gave up).</summary>
    public void Forget(long id)
    {
        lock (_lock)
        {
            _waiting.Remove(id);
        }
    }

    public void Handle(in ControlEvent controlEvent, in ControllerStatus status)
    {
        if (controlEvent.Kind is not (ControlEventKind.CommandAccepted or ControlEventKind.CommandRejected) || controlEvent.Command.Id == 0)
        {
            return;
        }

        var command = controlEvent.Command;
        var verdict = new CommandVerdict(
            controlEvent.Kind == ControlEventKind.CommandAccepted ? CommandOutcome.Accepted : controlEvent.Outcome,
            controlEvent.From,
            status.ProgramIndex,
            command);

        TaskCompletionSource<CommandVerdict>? waiter;
        lock (_lock)
        {
            if (!_waiting.Remove(command.Id, out waiter))
            {
                _early[command.Id] = verdict;
                _earlyOrder.Enqueue(command.Id);
                while (_earlyOrder.Count > EarlyLimit)
                {
                    _early.Remove(_earlyOrder.Dequeue());
                }
            }
        }

        waiter?.TrySetResult(verdict);
    }
}
