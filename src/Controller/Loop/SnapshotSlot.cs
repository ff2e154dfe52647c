namespace HydroOxygen.Controller.Loop;

/// <summary>
/// Publishes a value from the loop thread to any number of readers without locks or allocation
/// (a sequence lock): the writer never waits; a reader that catches a write in progress retries.
/// </summary>
/// <typeparam name="T">A struct without references, so that a torn copy is harmless until discarded.</typeparam>
public sealed class SnapshotSlot<T>
    where T : struct
{
    private T _value;
    private int _sequence;

    public SnapshotSlot(T initial) => _value = initial;

    /// <summary>How many times a value has been published.</summary>
    public int Version => Volatile.Read(ref _sequence) >> 1;

    /// <summary>Publishes a value. Only one thread may publish.</summary>
    public void Publish(in T value)
    {
        var sequence = _sequence;
        Volatile.Write(ref _sequence, sequence + 1);
        Interlocked.MemoryBarrier();
        _value = value;
        Volatile.Write(ref _sequence, sequence + 2);
    }

    /// <summary>The latest complete value.</summary>
    public T Read()
    {
        var spinner = default(SpinWait);
        while (true)
        {
            var before = Volatile.Read(ref _sequence);
            if ((before & 1) == 0)
            {
                var value = _value;
                Interlocked.MemoryBarrier();
                if (Volatile.Read(ref _sequence) == before)
                {
                    return value;
                }
            }

            spinner.SpinOnce();
        }
    }
}
