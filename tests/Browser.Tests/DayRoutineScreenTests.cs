using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace HydroOxygen.Browser.Tests;

/// <summary>
/// The Supplies tab and the consumables notice on the treatment view on the 800×480 panel, and the
/// start-of-day check and end-of-day purge on both panels, 800×480 and 1024×600, by touch (issue 16,
/// DESIGN §2.8), in both languages: the routine's
/// "hold the foot switch" prompt on the treatment view with a large button, its result with the
/// reason, the run listed; the technician's view still fitting without scrolling; screenshots of each.
/// </summary>
[Collection(nameof(BrowserCollection))]
public sealed class DayRoutineScreenTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const int Width = 800;
    private const int Height = 480;

    /// <summary>Both panels the device ships with, in both languages (as the technician's view is tested).</summary>
    public static TheoryData<int, int, string> Panels() => new()
    {
        { 800, 480, "zh-CN" },
        { 800, 480, "en" },
        { 1024, 600, "zh-CN" },
        { 1024, 600, "en" },
    };

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task The_supplies_tab_and_the_liquid_low_notice_on_the_treatment_view(string language)
    {
        var zh = language == "zh-CN";
        await using var screen = await TouchScreen.OpenAsync(browser.Browser, Width, Height, language);
        var page = screen.Page;
        await Expect(page.Locator("#state")).ToHaveAttributeAsync("data-state", "Ready");

        // Little liquid left: the technician records the refill she made, and the notice follows her to the treatment view.
        await screen.TapAsync("#tab-supplies");
        await Expect(page.Locator("#view-supplies")).ToBeVisibleAsync();
        await page.Locator("#refill-ml").FillAsync("10");
        await screen.TapAsync("#refill-form button[type=submit]");
        await Expect(page.Locator("#supply-notices li[data-code=LiquidLow]")).ToBeVisibleAsync();
        await TechnicianScreenTests.AssertTouchTargetsAsync(page, "#view-supplies");
        if (zh)
        {
            await TechnicianScreenTests.AssertNoEnglishAsync(page, "#view-supplies", "mL", "L", "MPa");
        }

        await screen.ScreenshotAsync($"supplies-{Width}x{Height}-{language}.png");

        await screen.TapAsync("#tab-treatment");
        var line = page.Locator("#supply-line");
        await Expect(line).ToBeVisibleAsync();
        await Expect(line).ToHaveAttributeAsync("data-codes", new System.Text.RegularExpressions.Regex("LiquidLow"));
        await Expect(line).ToContainTextAsync(zh ? "营养液" : "liquid");
        await TechnicianScreenTests.AssertFitsAsync(page, Width, Height);
        await TechnicianScreenTests.AssertTouchTargetsAsync(page);
        if (zh)
        {
            await TechnicianScreenTests.AssertNoEnglishAsync(page, "#view-treatment, .bar", "mL", "MPa");
        }

        output.WriteLine(await line.InnerTextAsync());
        await screen.ScreenshotAsync($"supply-notice-{Width}x{Height}-{language}.png");
    }

    [Fact]
    public async Task The_supplies_tab_follows_a_language_switch_at_once_and_never_shows_a_key()
    {
        await using var screen = await TouchScreen.OpenAsync(browser.Browser, Width, Height, "en");
        var page = screen.Page;
        await screen.TapAsync("#tab-supplies");
        await page.Locator("#refill-ml").FillAsync("10");
        await screen.TapAsync("#refill-form button[type=submit]");
        var notice = page.Locator("#supply-notices li[data-code=LiquidLow]");
        await Expect(notice).ToContainTextAsync("liquid");
        var runs = page.Locator("#day-runs");
        await Expect(runs.Locator("li")).ToHaveCountAsync(1);
        var noRunsInEnglish = await runs.InnerTextAsync();
        await page.Locator("#cylinder-litres").FillAsync("-1");
        await page.Locator("#cylinder-mpa").FillAsync("12");
        await screen.TapAsync("#cylinder-form button[type=submit]");
        var refusal = page.Locator("#cylinder-error");
        await Expect(refusal).Not.ToBeEmptyAsync();

        // Without another tap and sooner than the tab's 5 s poll, the notices, the wear counters and
        // the list of routine runs speak the language just chosen.
        await screen.TapAsync("#language");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(notice).ToContainTextAsync("营养液", new() { Timeout = 2000 });
        await Expect(runs).Not.ToHaveTextAsync(noRunsInEnglish, new() { Timeout = 2000 });
        await Expect(refusal).ToBeEmptyAsync();
        await Expect(page.Locator("#refill-error")).ToHaveTextAsync("已记录");
        await TechnicianScreenTests.AssertNoEnglishAsync(page, "#view-supplies", "mL", "L", "MPa");
        Assert.Empty(screen.MissingTexts);
    }

    [Theory]
    [MemberData(nameof(Panels))]
    public async Task The_start_of_day_check_asks_for_the_pedal_and_the_purge_vents_and_asks_to_clean_the_pen(int width, int height, string language)
    {
        var zh = language == "zh-CN";
        var panel = $"{width}x{height}";
        await using var screen = await TouchScreen.OpenAsync(browser.Browser, width, height, language);
        var page = screen.Page;
        await Expect(page.Locator("#state")).ToHaveAttributeAsync("data-state", "Ready");

        // The check, started from the Supplies tab; it asks for the foot switch on the treatment view.
        await screen.TapAsync("#tab-supplies");
        await screen.TapAsync("#day-check");
        await screen.TapAsync("#tab-treatment");
        var card = page.Locator("#day-card");
        await Expect(card).ToBeVisibleAsync();
        await Expect(card).ToHaveAttributeAsync("data-waiting", "true");
        await Expect(page.Locator("#day-prompt")).ToContainTextAsync(zh ? "踩住脚踏开关" : "Hold the foot switch");
        await AssertScreenAsync(page, width, height, zh);
        await screen.ScreenshotAsync($"day-check-pedal-{panel}-{language}.png");

        await screen.PostAsync("api/sim/pedal", """{"down": true}""");
        await Expect(card).ToBeHiddenAsync(new() { Timeout = 30_000 });
        await screen.PostAsync("api/sim/pedal", """{"down": false}""");

        await screen.TapAsync("#tab-supplies");
        await Expect(page.Locator("#day-now")).ToHaveAttributeAsync("data-result", "passed");
        await Expect(page.Locator("#day-now")).ToContainTextAsync(zh ? "通过" : "Passed");
        await Expect(page.Locator("#day-runs li[data-result=passed]")).ToHaveCountAsync(1);
        await TechnicianScreenTests.AssertTouchTargetsAsync(page, "#view-supplies");
        if (zh)
        {
            await TechnicianScreenTests.AssertNoEnglishAsync(page, "#view-supplies", "mL", "L", "MPa");
        }

        output.WriteLine(await page.Locator("#day-now").InnerTextAsync());
        await screen.ScreenshotAsync($"day-check-passed-{panel}-{language}.png");

        // The purge: source closed, then the pedal; at the end the prompt to clean the pen with a large "done".
        await screen.TapAsync("#day-purge");
        await screen.TapAsync("#tab-treatment");
        await Expect(page.Locator("#state")).ToHaveAttributeAsync("data-state", "Idle");
        await Expect(card).ToHaveAttributeAsync("data-waiting", "true");
        await Expect(page.Locator("#day-prompt")).ToContainTextAsync(zh ? "气源已关闭" : "Gas source closed");
        await AssertScreenAsync(page, width, height, zh);
        await screen.ScreenshotAsync($"day-purge-pedal-{panel}-{language}.png");

        await screen.PostAsync("api/sim/pedal", """{"down": true}""");
        await Expect(card).ToHaveAttributeAsync("data-step", "cleanPen", new() { Timeout = 40_000 });
        await screen.PostAsync("api/sim/pedal", """{"down": false}""");
        await Expect(page.Locator("#day-prompt")).ToContainTextAsync(zh ? "清洗治疗笔" : "Clean the pen");
        await Expect(page.Locator("#no-alarms")).ToBeVisibleAsync();
        await AssertScreenAsync(page, width, height, zh);
        await screen.ScreenshotAsync($"day-purge-clean-pen-{panel}-{language}.png");

        await screen.TapAsync("#day-card-stop");
        await Expect(card).ToBeHiddenAsync();
        await screen.TapAsync("#tab-supplies");
        await Expect(page.Locator("#day-runs li[data-result=passed]")).ToHaveCountAsync(2);
    }

    private static async Task AssertScreenAsync(IPage page, int width, int height, bool zh)
    {
        await TechnicianScreenTests.AssertFitsAsync(page, width, height);
        await TechnicianScreenTests.AssertTouchTargetsAsync(page);
        if (zh)
        {
            await TechnicianScreenTests.AssertNoEnglishAsync(page, "#view-treatment, .bar", "MPa");
        }
    }
}
