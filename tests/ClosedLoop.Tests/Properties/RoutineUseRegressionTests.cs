using HydroOxygen.Reliability.Routine;
using Xunit.Abstractions;

namespace HydroOxygen.ClosedLoop.Tests.Properties;

/// <summary>
/// The sequences the routine-use property found failing — defects beyond issue 12's list — kept
/// exactly as the run printed them (<c>Properties/RoutineRegressions/*.txt</c>, each with what it
/// broke), and played and judged by the same <see cref="RoutinePlayer"/>: every rule on every tick,
/// and the vented ending. A new failing sequence is kept by pasting its printout into a new file.
/// </summary>
public sealed class RoutineUseRegressionTests(ITestOutputHelper output)
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "RoutineRegressions");

    public static TheoryData<string> Files()
    {
        var files = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Folder, "*.txt").Order(StringComparer.Ordinal))
        {
            files.Add(Path.GetFileNameWithoutExtension(file));
        }

        return files;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void A_sequence_that_once_failed_keeps_every_rule(string name)
    {
        var text = File.ReadAllText(Path.Combine(Folder, name + ".txt"));
        var sequence = RoutineSequenceText.Parse(text);
        output.WriteLine(string.Join(Environment.NewLine, text.Split('\n').Where(l => l.StartsWith('#'))));
        var outcome = RoutinePlayer.Play(sequence);
        output.WriteLine($"{outcome.Ticks} ticks, worst alarm {outcome.WorstAlarm?.ToString() ?? "none"}, peak true P_out {outcome.PeakPOutTrueMpa:F3} MPa");
    }

    [Fact]
    public void A_printed_sequence_reads_back_as_itself() =>
        CsCheck.Check.Sample(
            RoutineGenerators.Sequence,
            sequence => Assert.Equal(sequence.ToString(), RoutineSequenceText.Parse(sequence.ToString()).ToString()),
            iter: 500);
}
