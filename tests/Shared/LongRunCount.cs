using System.Globalization;

namespace HydroOxygen.Tests.Shared;

/// <summary>
/// How many cases, inputs or kills a test runs: the modest count CI can afford, or the long
/// campaign's count from an environment variable. Compiled into each test project that needs it.
/// </summary>
internal static class LongRunCount
{
    /// <summary>The count <paramref name="variable"/> names, or <paramref name="ciDefault"/> when it is unset.</summary>
    /// <exception cref="InvalidOperationException">Set but not a positive whole number: a typo must not silently shrink a campaign back to the CI count.</exception>
    public static long FromEnvironment(string variable, long ciDefault)
    {
        var text = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return ciDefault;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new InvalidOperationException($"{variable} must be a positive whole number, not '{text}'");
    }

    /// <summary>Two threads at most: the machines running CI are shared.</summary>
    public static int Threads => Math.Min(2, Environment.ProcessorCount);
}
