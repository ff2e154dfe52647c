namespace HydroOxygen.Controller.Core;

/// <summary>
/// Samples recorded on the tick during a procedure (step and pulse responses), in arrays allocated
/// once. The tick writes while the procedure runs; readers copy them out only after the status says
/// the procedure is done, when the tick no longer touches them.
/// </summary>
public sealed class ServiceRecording
{
    public ServiceRecording(int capacity = 4096)
    {
        Times = new double[capacity];
        OutletMpa = new double[capacity];
        SourceMpa = new double[capacity];
        BottleMpa = new double[capacity];
        Command = new double[capacity];
    }

    public double[] Times { get; }
    public double[] OutletMpa { get; }
    public double[] SourceMpa { get; }
    public double[] BottleMpa { get; }

    /// <summary>What drove the response at each sample: the inlet opening, or 1 for an on/off valve.</summary>
    public double[] Command { get; }

    public int Count { get; private set; }

    public int Capacity => Times.Length;

    public void Clear() => Count = 0;

    public void Add(double time, double outletMpa, double bottleMpa, double sourceMpa, double command)
    {
        if (Count >= Times.Length)
        {
            return;
        }

        Times[Count] = time;
        OutletMpa[Count] = outletMpa;
        SourceMpa[Count] = sourceMpa;
        BottleMpa[Count] = bottleMpa;
        Command[Count] = command;
        Count++;
    }
}
