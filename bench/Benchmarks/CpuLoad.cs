namespace HydroOxygen.Benchmarks;

/// <summary>
/// Busy threads, one pinned to each core but the first: "the other cores loaded". The loop under
/// test is not pinned; the scheduler is free to put it wherever the load is not (as on the device,
/// where the web server, logging and the OS share the cores with the loop).
/// </summary>
internal sealed class CpuLoad : IDisposable
{
    private readonly Thread[] _threads;
    private readonly double[] _cpuSeconds;
    private volatile bool _stop;

    private CpuLoad(int threads)
    {
        _threads = new Thread[threads];
        _cpuSeconds = new double[threads];
        for (var i = 0; i < threads; i++)
        {
            var index = i;
            _threads[i] = new Thread(() => Burn(index)) { IsBackground = true, Name = $"cpu-load-{i + 1}" };
            _threads[i].Start();
        }
    }

    /// <summary>Pinned busy threads on cores 1 … N−1 (none on a single core).</summary>
    public static CpuLoad OnOtherCores() => new(Math.Max(0, Environment.ProcessorCount - 1));

    public static CpuLoad None() => new(0);

    public int Threads => _threads.Length;

    /// <summary>CPU time the busy threads used, seconds; valid after <see cref="Dispose"/>.</summary>
    public double CpuSeconds => _cpuSeconds.Sum();

    public void Dispose()
    {
        _stop = true;
        foreach (var thread in _threads)
        {
            thread.Join();
        }
    }

    private void Burn(int index)
    {
        _ = NativeThread.PinCurrentThread(index + 1);
        var x = 1.0;
        while (!_stop)
        {
            // Floating-point work the JIT cannot remove, with no memory traffic and no allocation.
            for (var i = 0; i < 10_000; i++)
            {
                x = (x * 1.000001) + 1e-9;
            }
        }

        _cpuSeconds[index] = NativeThread.CurrentThreadCpuSeconds() + (x > double.MaxValue ? 1 : 0);
    }
}
