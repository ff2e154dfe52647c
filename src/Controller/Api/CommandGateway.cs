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

/// <summary>
/// A command's fate, with what it takes to say why in any language: the outcome, the command, and
/// the state and program it was judged in (<see cref="Localization.CommandRefusals"/> words it).
/// </summary>
public readonly record struct CommandResult(CommandResultKind Kind, long Id, CommandOutcome Outcome, ControlCommand Command, DeviceState State, int ProgramIndex);

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

    /// <summary>The programs the commands are judged against.</summary>
    public IReadOnlyList<ProgramDefinition> Programs => runtime.Core.Programs;

    /// <summary>The plans the plan commands are judged against.</summary>
    public PlanTable Plans => runtime.Core.Plans;

    public async Task<CommandResult> SendAsync(ControlCommand command, CancellationToken cancellationToken)
    {
        var status = runtime.Status.Read();
        var programs = runtime.Core.Programs;
        var plan = status.Plan;
        var outcome = CommandRules.Check(in command, status.State, status.ProgramIndex, status.GasSource, programs, runtime.Core.Plans, in plan);
        if (outcome != CommandOutcome.Accepted)
        {
            return new(CommandResultKind.Refused, 0, outcome, command.ResolvedFor(in plan), status.State, status.ProgramIndex);
        }

        if (!runtime.Commands.TryPost(command, out var id))
        {
            return new(CommandResultKind.Busy, id, outcome, command, status.State, status.ProgramIndex);
        }

        var verdict = confirmations.Expect(id);
        try
        {
            var final = await verdict.WaitAsync(ConfirmationTimeout, runtime.Clock, cancellationToken).ConfigureAwait(false);
            var judged = final.Command.Kind == command.Kind ? final.Command : command;
            return new(final.Outcome == CommandOutcome.Accepted ? CommandResultKind.Applied : CommandResultKind.Refused, id, final.Outcome, judged, final.State, final.ProgramIndex);
        }
        catch (TimeoutException)
        {
            confirmations.Forget(id);
            return new(CommandResultKind.Queued, id, outcome, command, status.State, status.ProgramIndex);
        }
        catch (OperationCanceledException)
        {
            confirmations.Forget(id);
            throw;
        }
    }
}
