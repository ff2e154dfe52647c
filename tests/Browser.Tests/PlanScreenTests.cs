using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace HydroOxygen.Browser.Tests;

/// <summary>
/// The treatment plan on the 800×480 panel (issue 16, DESIGN §2.7): choosing a plan, each step's
/// region and guide text with large back / next / end buttons, the eye step, and the end-of-treatment
/// summary, in both languages, fitting the screen without scrolling; screenshots of each.
/// </summary>
[Collection(nameof(BrowserCollection))]
public sealed class PlanScreenTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task A_plan_is_followed_step_by_step_on_the_panel_and_ends_with_its_summary(string language)
    {
        const int width = 800;
        const int height = 480;
        var zh = language == "zh-CN";
        await using var screen = await TouchScreen.OpenAsync(browser.Browser, width, height, language);
        var page = screen.Page;

        // Choosing the plan: one tap from the technician's view, a large button per plan.
        await screen.TapAsync("#plan-open");
        var chooser = page.Locator("#plan-dialog");
        await Expect(chooser).ToBeVisibleAsync();
        await Expect(chooser.Locator("[data-plan]")).ToHaveCountAsync(2);
        await Expect(chooser.Locator("[data-plan=acne] .plan-name")).ToHaveTextAsync(zh ? "祛痘" : "Acne");
        await TechnicianScreenTests.AssertFitsAsync(page, width, height, "#plan-dialog");
        await TechnicianScreenTests.AssertTouchTargetsAsync(page, "#plan-dialog");
        if (zh)
        {
            await TechnicianScreenTests.AssertNoEnglishAsync(page, "#plan-dialog");
        }

        await screen.ScreenshotAsync($"plan-chooser-{width}x{height}-{language}.png");
        await screen.TapAsync("[data-plan=acne]");
        await Expect(chooser).ToBeHiddenAsync();

        // Step 1: the region, its guide text, and the buttons in place of the program choice.
        var card = page.Locator("#plan-card");
        await Expect(card).ToHaveAttributeAsync("data-region", "jaw");
        await Expect(page.Locator("#plan-region")).ToHaveTextAsync(zh ? "下颌" : "Jaw");
        await Expect(page.Locator("#plan-progress")).ToHaveTextAsync(zh ? "祛痘 · 第 1 / 9 步" : "Acne · Step 1 of 9");
        await Expect(page.Locator("#program-choice")).ToBeHiddenAsync();
        await Expect(page.Locator("#plan-previous")).ToBeDisabledAsync();
        await Expect(page.Locator("#state")).ToHaveAttributeAsync("data-state", "Ready");
        await SprayAsync(screen, 1000);
        await Expect(page.Locator("#plan-spray")).Not.ToHaveTextAsync(zh ? "已喷 0:00" : "Sprayed 0:00");
        await AssertScreenAsync(page, width, height, zh);
        await screen.ScreenshotAsync($"plan-step-{width}x{height}-{language}.png");

        // On to the nose (step 8): the guide's 45°, the lower setpoint.
        for (var step = 2; step <= 8; step++)
        {
            await screen.TapAsync("#plan-next");
            await Expect(page.Locator("#plan-step")).ToHaveAttributeAsync("data-step", step.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await Expect(page.Locator("#state")).ToHaveAttributeAsync("data-state", "Ready");
            await SprayAsync(screen, 300);
        }

        await Expect(card).ToHaveAttributeAsync("data-region", "nose");
        await Expect(page.Locator("#plan-guide")).ToContainTextAsync("45°");
        await Expect(page.Locator("#setpoint-value")).ToHaveTextAsync("0.40");
        await AssertScreenAsync(page, width, height, zh);
        await screen.ScreenshotAsync($"plan-nose-{width}x{height}-{language}.png");

        // The eye region: the last step (its button finishes), vented down to the eye program's ceiling without an alarm.
        await screen.TapAsync("#plan-next");
        await Expect(card).ToHaveAttributeAsync("data-region", "eye");
        await Expect(page.Locator("#plan-next")).ToHaveTextAsync(zh ? "完成" : "Finish");
        await Expect(page.Locator("#plan-guide")).ToContainTextAsync(zh ? "取下眼罩" : "Eye mask off");
        await Expect(page.Locator("#state")).ToHaveAttributeAsync("data-state", "Ready");
        await SprayAsync(screen, 800);
        await Expect(page.Locator("#no-alarms")).ToBeVisibleAsync();
        await AssertScreenAsync(page, width, height, zh);
        await screen.ScreenshotAsync($"plan-eye-{width}x{height}-{language}.png");

        // Finished: the end-of-treatment summary, on the one screen.
        await screen.TapAsync("#plan-next");
        var summary = page.Locator("#summary-dialog");
        await Expect(summary).ToBeVisibleAsync();
        await Expect(page.Locator("#summary-title")).ToHaveTextAsync(zh ? "治疗小结：祛痘" : "Treatment summary: Acne");
        await Expect(page.Locator("#summary-regions li")).ToHaveCountAsync(6);
        await Expect(page.Locator("#summary-alarms")).ToHaveTextAsync(zh ? "无" : "none");
        await Expect(page.Locator("#summary-regions li[data-region=jaw] strong")).Not.ToHaveTextAsync("0:00");
        await TechnicianScreenTests.AssertFitsAsync(page, width, height, "#summary-dialog");
        await TechnicianScreenTests.AssertTouchTargetsAsync(page, "#summary-dialog");
        if (zh)
        {
            await TechnicianScreenTests.AssertNoEnglishAsync(page, "#summary-dialog");
        }

        output.WriteLine(await summary.InnerTextAsync());
        await screen.ScreenshotAsync($"plan-summary-{width}x{height}-{language}.png");
        await screen.TapAsync("#summary-close");
        await Expect(summary).ToBeHiddenAsync();
        await Expect(page.Locator("#program-choice")).ToBeVisibleAsync();
        await Expect(page.Locator("#plan-card")).ToBeHiddenAsync();
    }

    private static async Task AssertScreenAsync(IPage page, int width, int height, bool zh)
    {
        await TechnicianScreenTests.AssertFitsAsync(page, width, height);
        await TechnicianScreenTests.AssertTouchTargetsAsync(page);
        if (zh)
        {
            await TechnicianScreenTests.AssertNoEnglishAsync(page, "#view-treatment, .bar");
        }
    }

    /// <summary>The simulator's pedal, through the API, so that the technician's view stays in front.</summary>
    private static async Task SprayAsync(TouchScreen screen, int milliseconds)
    {
        await screen.PostAsync("api/sim/pedal", """{"down": true}""");
        await Expect(screen.Page.Locator("#state")).ToHaveAttributeAsync("data-state", "Spraying");
        await screen.Page.WaitForTimeoutAsync(milliseconds);
        await screen.PostAsync("api/sim/pedal", """{"down": false}""");
        await Expect(screen.Page.Locator("#state")).ToHaveAttributeAsync("data-state", "Ready");
    }
}
