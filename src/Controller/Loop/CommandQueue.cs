using System.Threading.Channels;
using HydroOxygen.Controller.Core;

namespace HydroOxygen.Controller.Loop;

/// <summary>
/// The bounded queue through which everything outside the loop (API, dashboard, scenario runner,
/// host shutdown) reaches the control step. Writers never wait: a full queue refuses the command,
/// and the tick drains it without blocking.
/// </summary>
public sealed class CommandQueue
{
    private readonly Channel<ControlCommand> _channel;
    private long _nextId;

    /// <summary>The queue's size unless told otherwise; scenario files are checked against it.</summary>
    public const int DefaultCapacity = 64;

    public CommandQueue(int capacity = DefaultCapacity)
    {
        Capacity = capacity;
        _channel = Channel.CreateBounded<ControlCommand>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public int Capacity { get; }

    /// <summary>Queues a command, stamping it with a fresh id; false if the queue is full.</summary>
    public bool TryPost(ControlCommand command, out long id)
    {
        id = Interlocked.Increment(ref _nextId);
        return _channel.Writer.TryWrite(command with { Id = id });
    }

    public bool TryPost(ControlCommand command) => TryPost(command, out _);

    /// <summary>Moves the queued commands into <paramref name="destination"/>; returns how many.</summary>
    public int Drain(Span<ControlCommand> destination)
    {
        var count = 0;
        while (count < destination.Length && _channel.Reader.TryRead(out var command))
        {
            destination[count++] = command;
        }

        return count;
    }
}
