using HydroOxygen.Controller.Persistence;

namespace HydroOxygen.Controller.Tests.Persistence;

/// <summary>
/// Makes <see cref="DurableFile.Replace"/> fail after a chosen step, as a crash there would.
/// </summary>
/// <remarks>
/// <see cref="DurableFile.CrashAt"/> is process-wide: the tests that set it run in a non-parallel
/// collection, and the hook only fires on the thread that set it, so that no other test's write
/// can ever be failed by it.
/// </remarks>
internal sealed class CrashHook : IDisposable
{
    public const string Message = "simulated crash after ";

    private CrashHook(Action<DurableFile.Step> action)
    {
        var thread = Environment.CurrentManagedThreadId;
        DurableFile.CrashAt = step =>
        {
            if (Environment.CurrentManagedThreadId == thread)
            {
                action(step);
            }
        };
    }

    /// <summary>Every step a write goes through, with what must be on disk after a crash just after it.</summary>
    /// <remarks>
    /// Listed by hand, not derived from the enum's order: a step added to DurableFile makes
    /// <see cref="DurableFileTests.Every_crash_point_is_covered"/> fail until someone decides here
    /// what a crash at it must leave.
    /// </remarks>
    public static IReadOnlyDictionary<DurableFile.Step, bool> LeavesNewContent { get; } = new Dictionary<DurableFile.Step, bool>
    {
        [DurableFile.Step.TemporaryCreated] = false,
        [DurableFile.Step.ContentWritten] = false,
        [DurableFile.Step.ContentFlushed] = false,
        [DurableFile.Step.Renamed] = true,
    };

    public static TheoryData<DurableFile.Step> Steps => [.. Enum.GetValues<DurableFile.Step>()];

    /// <summary>Throws an <see cref="IOException"/> right after <paramref name="crashStep"/>.</summary>
    public static CrashHook At(DurableFile.Step crashStep) => new(step =>
    {
        if (step == crashStep)
        {
            throw new IOException(Message + step);
        }
    });

    /// <summary>Runs <paramref name="action"/> after each step (without failing the write).</summary>
    public static CrashHook During(Action<DurableFile.Step> action) => new(action);

    public void Dispose() => DurableFile.CrashAt = null;
}

[CollectionDefinition(nameof(CrashHook), DisableParallelization = true)]
public sealed class CrashHookCollection;
