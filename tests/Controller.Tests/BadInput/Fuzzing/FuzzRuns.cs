using HydroOxygen.Tests.Shared;

namespace HydroOxygen.Controller.Tests.BadInput.Fuzzing;

/// <summary>
/// How many inputs a fuzzer tries (<c>FUZZ_ITERATIONS</c> for a long run; CI a few thousand) and
/// the time one input may take before it counts as a hang.
/// </summary>
internal static class FuzzRuns
{
    public const string IterationsVariable = "FUZZ_ITERATIONS";

    /// <summary>Generous for a parse of a few kilobytes (well under a millisecond normally) on a busy shared machine.</summary>
    public static readonly TimeSpan PerInput = TimeSpan.FromSeconds(5);

    public static long Iterations(long ciDefault) => LongRunCount.FromEnvironment(IterationsVariable, ciDefault);

    public static int Threads => LongRunCount.Threads;

    /// <summary>Runs <paramref name="work"/> with a time bound: an input that takes longer is a hang, and fails the run.</summary>
    public static T Bounded<T>(Func<T> work)
    {
        var task = Task.Run(work);
        bool finished;
        try
        {
            finished = task.Wait(PerInput);
        }
        catch (AggregateException)
        {
            finished = true;
        }

        if (!finished)
        {
            throw new TimeoutException($"no answer within {PerInput.TotalSeconds} s: the parser hangs on this input");
        }

        // The work's own exception, not wrapped: that is what the fuzzer judges.
        return task.GetAwaiter().GetResult();
    }
}
