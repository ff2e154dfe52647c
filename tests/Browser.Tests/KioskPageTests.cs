using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HydroOxygen.Browser.Tests;

/// <summary>
/// The kiosk's local page (deploy/raspi/kiosk-waiting.html) in Chromium, as kiosk.sh opens it: while
/// the controller is not running it says so, in both languages; once the controller answers, the
/// screen moves to the dashboard by itself.
/// </summary>
[Collection(nameof(BrowserCollection))]
public sealed class KioskPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_screen_says_the_controller_is_not_running_and_moves_to_the_dashboard_when_it_starts()
    {
        var port = TouchScreen.FreePort();
        var dashboard = $"http://127.0.0.1:{port}/";
        var page = Path.Combine(RepositoryRoot(), "deploy", "raspi", "kiosk-waiting.html");
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 800, Height = 480 },
            HasTouch = true,
        });
        try
        {
            var tab = await context.NewPageAsync();
            await tab.GotoAsync($"file://{page}?to={dashboard}");
            await Expect(tab.Locator("#title")).ToHaveTextAsync("控制器未运行");
            await Expect(tab.GetByText("The controller is not running")).ToBeVisibleAsync();
            await tab.WaitForTimeoutAsync(2500);
            Assert.StartsWith("file://", tab.Url, StringComparison.Ordinal);
            await tab.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "kiosk-controller-not-running-800x480.png") });

            await using var controller = await TouchScreen.StartControllerAsync("zh-CN", dataDirectory: null, port);
            await tab.WaitForURLAsync(dashboard, new PageWaitForURLOptions { Timeout = 30000 });
            await Expect(tab.Locator("#state")).ToHaveAttributeAsync("data-state", "Ready", new() { Timeout = 20000 });
            await Expect(tab.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Controller.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("the repository root (Controller.sln) was not found above " + AppContext.BaseDirectory);
    }
}
