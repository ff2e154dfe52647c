using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Hosting;

namespace HydroOxygen.Controller.Api;

/// <summary>How a command fared.</summary>
public enum CommandResultKind
{
    /// <summary>The loop carried it out.</summary>
    Applied,

    /// <summary>Queued, but the loop did not confirm it in time (it may still be applied).</summary>
    Queued,

    /// <summary>Refused, by the API's check or by the loop; nothing was changed.</summary>
    Refused,

    /// <summary>The command queue is full; nothing was changed.</summary>
    Busy,
}

public readonly record struct CommandResult(CommandResultKind Kind, long Id, CommandOutcome Outcome, string Message);

/// <summary>
/// The API's one way into the loop: check the command against the latest snapshot (so that a bad
/// one is answered at once, with the reason, and never queued), post it to the bounded queue (never
/// waiting for room), then wait — asynchronously, briefly — for the loop's verdict, because the
/// loop re-checks on the tick and has the final word.
/// </summary>
public sealed class CommandGateway(ControllerRuntime runtime, CommandConfirmations confirmations)
{
    /// <summary>How long to wait for the loop's verdict: a tick plus the event pump's drain interval, many times over.</summary>
    public static readonly TimeSpan ConfirmationTimeout = TimeSpan.FromSeconds(1);

    public async Task<CommandResult> SendAsync(ControlCommand command, CancellationToken cancellationToken)
    {
        var status = runtime.Status.Read();
        var programs = runtime.Core.Programs;
        var outcome = CommandRules.Check(in command, status.State, status.ProgramIndex, status.GasSource, programs);
        if (outcome != CommandOutcome.Accepted)
        {
            return new(CommandResultKind.Refused, 0, outcome, CommandRules.Describe(outcome, in command, status.State, status.ProgramIndex, programs));
        }

        if (!runtime.Commands.TryPost(command, out var id))
        {
            return new(CommandResultKind.Busy, id, outcome, "the controller's command queue is full; try again");
        }

        var verdict = confirmations.Expect(id);
        try
        {
            var (final, message) = await verdict.WaitAsync(ConfirmationTimeout, runtime.Clock, cancellationToken).ConfigureAwait(false);
            return final == CommandOutcome.Accepted
                ? new(CommandResultKind.Applied, id, final, message)
                : new(CommandResultKind.Refused, id, final, message);
        }
        catch (TimeoutException)
        {
            confirmations.Forget(id);
            return new(CommandResultKind.Queued, id, outcome, "queued; the control loop has not confirmed it yet");
        }
        catch (OperationCanceledException)
        {
            confirmations.Forget(id);
            throw;
        }
    }
}
