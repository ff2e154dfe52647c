namespace HydroOxygen.Controller.Core;

/// <summary>
/// A single-producer, single-consumer ring of <see cref="ControlEvent"/>s: the tick writes, one
/// background reader drains. Never blocks and never allocates; if the reader falls behind, new
/// events are dropped and counted rather than stalling the loop.
/// </summary>
public sealed class EventRing
{
    private readonly ControlEvent[] _items;
    private readonly long _mask;
    private long _head;
    private long _tail;
    private long _dropped;

    public EventRing(int capacityPowerOfTwo = 1024)
    {
        if (capacityPowerOfTwo < 2 || (capacityPowerOfTwo & (capacityPowerOfTwo - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacityPowerOfTwo), capacityPowerOfTwo, "Capacity must be a power of two.");
        }

        _items = new ControlEvent[capacityPowerOfTwo];
        _mask = capacityPowerOfTwo - 1;
    }

    /// <summary>Events lost because the reader fell behind.</summary>
    public long Dropped => Volatile.Read(ref _dropped);

    public void Write(in ControlEvent item)
    {
        var head = _head;
        if (head - Volatile.Read(ref _tail) >= _items.Length)
        {
            Interlocked.Increment(ref _dropped);
            return;
        }

        _items[head & _mask] = item;
        Volatile.Write(ref _head, head + 1);
    }

    public bool TryRead(out ControlEvent item)
    {
        var tail = _tail;
        if (tail >= Volatile.Read(ref _head))
        {
            item = default;
            return false;
        }

        item = _items[tail & _mask];
        Volatile.Write(ref _tail, tail + 1);
        return true;
    }
}
