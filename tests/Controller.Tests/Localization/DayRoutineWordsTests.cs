using HydroOxygen.Controller.Core;
using HydroOxygen.Controller.Localization;

namespace HydroOxygen.Controller.Tests.Localization;

/// <summary>Every ending of a daily routine and every step's prompt has its words in both languages, with its figures.</summary>
public class DayRoutineWordsTests
{
    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public void Every_result_and_prompt_is_said_in_the_language_with_its_figures(string language)
    {
        var text = ResourceText.For(language);
        foreach (var kind in new[] { DayRoutineKind.StartOfDayCheck, DayRoutineKind.EndOfDayPurge })
        {
            foreach (var result in Enum.GetValues<DayRoutineResult>().Where(r => r != DayRoutineResult.Running))
            {
                var said = DayRoutineWords.Reason(text, kind, result, 0.123, 0.745, 1.9, 0.97, 0.004, 0.006);
                Assert.False(string.IsNullOrWhiteSpace(said), $"{kind} {result}");
                Assert.DoesNotContain("Day.", said, StringComparison.Ordinal);
                Assert.DoesNotContain("{", said, StringComparison.Ordinal);
            }
        }

        foreach (var step in new[] { DayRoutineStep.Supply, DayRoutineStep.Charge, DayRoutineStep.Nozzle, DayRoutineStep.Venting, DayRoutineStep.CleanPen })
        {
            Assert.DoesNotContain("Day.", DayRoutineWords.Prompt(text, step, waitingForPedal: true), StringComparison.Ordinal);
        }

        var passed = DayRoutineWords.Reason(text, DayRoutineKind.StartOfDayCheck, DayRoutineResult.Passed, 0.97, 0.745, 1.94, 0.97, 0.4, 0.4);
        Assert.Contains("0.745", passed, StringComparison.Ordinal);
        Assert.Contains("1.9", passed, StringComparison.Ordinal);
        Assert.Contains("97", passed, StringComparison.Ordinal);
        var low = DayRoutineWords.Reason(text, DayRoutineKind.StartOfDayCheck, DayRoutineResult.NozzleFlowLow, 0.42, 0.745, 1.9, 0.42, 0.4, 0.4);
        Assert.Contains("42", low, StringComparison.Ordinal);
        var notVented = DayRoutineWords.Reason(text, DayRoutineKind.EndOfDayPurge, DayRoutineResult.NotVented, 0.211, null, null, null, 0.0, 0.211);
        Assert.Contains("0.211", notVented, StringComparison.Ordinal);
    }
}
