using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace HydroOxygen.Browser.Tests;

/// <summary>
/// The technician's view on the device's own 7-inch touch panel (issue 13, DESIGN §3.5): at 800×480
/// and 1024×600, in Chinese and in English, it fits without scrolling, every control is a touch
/// target of at least 48 px, and the Chinese view has no English left in it. Screenshots of each
/// size and language at rest, spraying and with an alarm go to the screenshot directory.
/// </summary>
[Collection(nameof(BrowserCollection))]
public sealed partial class TechnicianScreenTests(BrowserFixture browser, ITestOutputHelper output)
{
    /// <summary>
    /// Latin words the Chinese view keeps on purpose: the pressure unit, and the export format's
    /// name. (The language switch's label, "English", is marked lang="en" and so not Chinese text.)
    /// </summary>
    private static readonly HashSet<string> KeptInChinese = new(StringComparer.Ordinal) { "MPa", "CSV" };

    public static TheoryData<int, int, string> Screens() => new()
    {
        { 800, 480, "zh-CN" },
        { 800, 480, "en" },
        { 1024, 600, "zh-CN" },
        { 1024, 600, "en" },
    };

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task The_technicians_view_fits_the_panel_with_touch_targets_and_one_language(int width, int height, string language)
    {
        await using var screen = await TouchScreen.OpenAsync(browser.Browser, width, height, language);
        var page = screen.Page;
        var name = $"technician-{width}x{height}-{language}";

        Assert.Equal(language, await page.EvaluateAsync<string>("() => document.documentElement.lang"));
        await AssertFitsAsync(page, width, height);
        await AssertTouchTargetsAsync(page);
        if (language == "zh-CN")
        {
            await AssertNoEnglishAsync(page, "#view-treatment, .bar");
        }

        await screen.ScreenshotAsync($"{name}-at-rest.png");

        // Spraying (the simulator's pedal through the API, so that the technician's view stays in front).
        await screen.PostAsync("api/sim/pedal", """{"down": true}""");
        await Expect(page.Locator("#state")).ToHaveAttributeAsync("data-state", "Spraying");
        await page.WaitForTimeoutAsync(1200);
        await AssertFitsAsync(page, width, height);
        await screen.ScreenshotAsync($"{name}-spraying.png");
        await screen.PostAsync("api/sim/pedal", """{"down": false}""");
        await Expect(page.Locator("#state")).Not.ToHaveAttributeAsync("data-state", "Spraying");

        // An alarm: its name, what to do, and the acknowledge button, all on the one screen.
        await screen.PostAsync("api/sim/fault", """{"fault": "sensor_disconnected", "target": "p_src"}""");
        var alarm = page.Locator("#alarm-current");
        await Expect(alarm).ToHaveAttributeAsync("data-code", "SensorFault");
        await Expect(alarm.Locator(".remedy")).Not.ToBeEmptyAsync();
        await Expect(page.Locator("#ack")).ToBeEnabledAsync();
        await page.WaitForTimeoutAsync(600);
        await AssertFitsAsync(page, width, height);
        await AssertTouchTargetsAsync(page);
        if (language == "zh-CN")
        {
            await Expect(alarm.Locator(".alarm-name")).ToHaveTextAsync("压力传感器故障");
            await AssertNoEnglishAsync(page, "#view-treatment, .bar");
        }
        else
        {
            await Expect(alarm.Locator(".alarm-name")).ToHaveTextAsync("Pressure sensor fault");
        }

        await screen.ScreenshotAsync($"{name}-alarm.png");

        // Every alarm's name and remedy fits too (the longest ones take three lines): each put in
        // the alarm bar from the string table, as the page would show it.
        var overflowing = await page.EvaluateAsync<string[]>(
            """
            async () => {
              const { strings } = await (await fetch('api/ui/strings')).json();
              const codes = Object.keys(strings).filter(k => /^Alarm\.[A-Za-z]+\.Remedy$/.test(k)).map(k => k.split('.')[1]);
              const bar = document.getElementById('alarm-current');
              const bad = [];
              for (const code of codes) {
                bar.querySelector('.alarm-name').textContent = strings[`Alarm.${code}.Name`];
                bar.querySelector('.remedy').textContent = strings[`Alarm.${code}.Remedy`];
                const all = [...document.querySelectorAll('#view-treatment *')].filter(e => e.getBoundingClientRect().height > 0);
                if (document.scrollingElement.scrollHeight > innerHeight || all.some(e => e.getBoundingClientRect().bottom > innerHeight + 0.5)) bad.push(code);
              }
              return codes.length >= 15 ? bad : [`only ${codes.length} alarm codes in the table`];
            }
            """);
        Assert.True(overflowing.Length == 0, $"at {width}×{height} in {language} these alarms push the view off the screen: {string.Join(", ", overflowing)}");

        // The setpoint's keypad fits too.
        await screen.TapAsync("#setpoint-edit");
        await Expect(page.Locator("#setpoint-dialog")).ToBeVisibleAsync();
        await AssertFitsAsync(page, width, height, "#setpoint-dialog");
        await AssertTouchTargetsAsync(page, "#setpoint-dialog");
        if (language == "zh-CN")
        {
            await AssertNoEnglishAsync(page, "#setpoint-dialog");
        }
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task The_other_views_speak_the_screens_language(string language)
    {
        await using var screen = await TouchScreen.OpenAsync(browser.Browser, 1024, 600, language);
        var page = screen.Page;
        foreach (var view in new[] { "details", "records", "simulator" })
        {
            await screen.TapAsync($"#tab-{view}");
            await Expect(page.Locator($"#view-{view}")).ToBeVisibleAsync();
            await page.WaitForTimeoutAsync(300);
            await AssertTouchTargetsAsync(page, $"#view-{view}");
            if (language == "zh-CN")
            {
                await AssertNoEnglishAsync(page, $"#view-{view}", "Hz", "p99");
            }

            await screen.ScreenshotAsync($"view-{view}-1024x600-{language}.png");
        }

        // A browser that never had the texts (this one) renders nothing before they arrive.
        Assert.Empty(screen.MissingTexts);
    }

    [Fact]
    public async Task The_pedal_works_by_touch_and_hold()
    {
        await using var screen = await TouchScreen.OpenAsync(browser.Browser, 800, 480, "zh-CN");
        var page = screen.Page;

        // One tap away from the technician's view.
        await screen.TapAsync("#tab-simulator");
        await Expect(page.Locator("#pedal .pedal-title")).ToHaveTextAsync("按住喷雾");

        var finger = await screen.TouchDownAsync("#pedal");
        await Expect(page.Locator("#pedal")).ToHaveAttributeAsync("aria-pressed", "true");
        Assert.True(await WaitForStateAsync(screen, "Spraying"), "touching and holding the pedal did not spray");

        // Held past a long-press: still spraying (no context menu, no lost touch).
        await page.WaitForTimeoutAsync(1500);
        Assert.Equal("Spraying", (await screen.Controller.StatusAsync()).GetProperty("state").GetString());

        await TouchScreen.LiftAsync(finger);
        await Expect(page.Locator("#pedal")).ToHaveAttributeAsync("aria-pressed", "false");
        Assert.True(await WaitForStateAsync(screen, "Ready"), "lifting the finger did not stop spraying");
    }

    [Fact]
    public async Task The_language_switch_is_kept_across_a_restart_of_the_controller()
    {
        await using var screen = await TouchScreen.OpenAsync(browser.Browser, 800, 480, "en");
        var page = screen.Page;
        await Expect(page.Locator("#state")).ToHaveTextAsync("Ready");
        Assert.Equal("en", await page.EvaluateAsync<string>("() => document.documentElement.lang"));

        await screen.TapAsync("#language");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(page.Locator("#state")).ToHaveTextAsync("就绪");

        // The controller is killed (no orderly stop) and started again, still configured for English:
        // the screen's choice, stored on the device, wins.
        await screen.RestartControllerAsync("en", port: null);
        await screen.GotoAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(page.Locator("#state")).ToHaveTextAsync("就绪");
        await Expect(page.Locator("#language-name")).ToHaveTextAsync("English");

        // And back.
        await screen.TapAsync("#language");
        await Expect(page.Locator("#state")).ToHaveTextAsync("Ready");
    }

    [Fact]
    public async Task Losing_the_controller_greys_the_figures_at_once_and_live_values_come_back_by_themselves()
    {
        var port = TouchScreen.FreePort();
        await using var screen = await TouchScreen.OpenAsync(browser.Browser, 800, 480, "zh-CN", port: port);
        var page = screen.Page;
        await Expect(page.Locator("body")).Not.ToHaveClassAsync(new Regex("stale"));

        await screen.Controller.KillAsync();
        var killed = DateTime.UtcNow;
        await Expect(page.Locator("body")).ToHaveClassAsync(new Regex("stale"), new() { Timeout = 2000 });
        var greyedAfter = DateTime.UtcNow - killed;
        output.WriteLine($"figures greyed {greyedAfter.TotalMilliseconds:0} ms after the controller died");
        var banner = page.Locator("#stale-banner");
        await Expect(banner).ToBeVisibleAsync();
        await Expect(banner).ToHaveTextAsync(new Regex(@"连接中断 — 数值来自 \d\d:\d\d:\d\d"));
        var struck = await page.EvaluateAsync<string>("() => getComputedStyle(document.getElementById('p-out')).textDecorationLine");
        Assert.Contains("line-through", struck, StringComparison.Ordinal);
        await AssertFitsAsync(page, 800, 480);
        await screen.ScreenshotAsync("technician-800x480-zh-CN-connection-lost.png");

        // The controller comes back on the same address: the page finds it without being touched.
        await screen.RestartControllerAsync("zh-CN", port);
        await Expect(page.Locator("body")).Not.ToHaveClassAsync(new Regex("stale"), new() { Timeout = 30000 });
        await Expect(banner).ToBeHiddenAsync();
        await Expect(page.Locator("#connection")).ToHaveAttributeAsync("data-state", "live");
        var before = await page.EvaluateAsync<double>("() => window.hydroxy.status().time ? Date.parse(window.hydroxy.status().time) : 0");
        await page.WaitForFunctionAsync("t => Date.parse(window.hydroxy.status().time) > t", before);
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task Bad_setpoints_and_choices_are_explained_next_to_the_field_in_the_screens_language(string language)
    {
        await using var screen = await TouchScreen.OpenAsync(browser.Browser, 800, 480, language);
        var page = screen.Page;
        var zh = language == "zh-CN";
        var error = page.Locator("#setpoint-error");
        var before = (await screen.Controller.StatusAsync()).GetProperty("setpointMpa").GetDouble();

        async Task EnterAsync(string text)
        {
            if (!await page.Locator("#setpoint-dialog").IsVisibleAsync())
            {
                await screen.TapAsync("#setpoint-edit");
            }

            await page.Locator("#setpoint-input").FillAsync(text);
            await screen.TapAsync("#setpoint-apply");
        }

        var cases = new (string Typed, string Says)[]
        {
            ("abc", zh ? "“abc”不是数字：请输入 0.30–0.60 之间的压力值（MPa）。" : "“abc” is not a number: enter a pressure in MPa, within 0.30–0.60."),
            ("", zh ? "请输入压力值（MPa），范围 0.30–0.60。" : "Enter a pressure in MPa, within 0.30–0.60."),
            ("0.7", zh ? "0.7 MPa 超出允许范围 0.30–0.60 MPa，未作任何更改" : "0.7 MPa is outside the allowed range 0.30–0.60 MPa; nothing was changed"),
            ("-1", zh ? "-1 MPa 超出允许范围 0.30–0.60 MPa，未作任何更改" : "-1 MPa is outside the allowed range 0.30–0.60 MPa; nothing was changed"),
        };
        foreach (var (typed, says) in cases)
        {
            await EnterAsync(typed);
            await Expect(error).ToHaveTextAsync(says);
            await Expect(page.Locator("#setpoint-input")).ToHaveAttributeAsync("aria-invalid", "true");
            if (zh)
            {
                // What the technician typed is quoted back as typed.
                await AssertNoEnglishAsync(page, "#setpoint-error", typed);
            }
        }

        await screen.ScreenshotAsync($"setpoint-error-800x480-{language}.png");
        Assert.Equal(before, (await screen.Controller.StatusAsync()).GetProperty("setpointMpa").GetDouble());

        // A value set between the steps is shown as it was set.
        await EnterAsync("0.305");
        await Expect(page.Locator("#setpoint-dialog")).ToBeHiddenAsync();
        await Expect(page.Locator("#setpoint-value")).ToHaveTextAsync("0.305");
        await screen.TapAsync("#setpoint-up");
        await Expect(page.Locator("#setpoint-value")).ToHaveTextAsync("0.31");

        // Above the program's ceiling: the eye program stops at 0.35.
        await page.Locator("#program-select").SelectOptionAsync("eye");
        await Expect(page.Locator("#setpoint-range")).ToContainTextAsync("0.30–0.35");
        await EnterAsync("0.4");
        await Expect(error).ToHaveTextAsync(zh
            ? "0.4 MPa 高于“眼部”程序的上限（0.35 MPa），允许范围为 0.30–0.35 MPa"
            : "0.4 MPa is above the ceiling of program 'Eye region' (0.35 MPa); the allowed range is 0.30–0.35 MPa");
        await screen.TapAsync("#setpoint-cancel");

        // Acne on compressed air: refused beside the program, saying why.
        await screen.TapAsync("[data-source=compressor]");
        await Expect(page.Locator("[data-source=compressor]")).ToHaveAttributeAsync("aria-pressed", "true");
        await page.Locator("#program-select").SelectOptionAsync("acne");
        await Expect(page.Locator("#program-error")).ToHaveTextAsync(zh
            ? "“祛痘”程序必须使用氧气（痤疮杆菌为厌氧菌）：请先将气源切换为氧气"
            : "program 'Acne' requires oxygen (acne bacteria are anaerobic): select the oxygen source first");
        await Expect(page.Locator("#program-select")).ToHaveValueAsync("eye");
        await AssertFitsAsync(page, 800, 480);
        await screen.ScreenshotAsync($"program-error-800x480-{language}.png");
    }

    private static async Task<bool> WaitForStateAsync(TouchScreen screen, string state)
    {
        var deadline = DateTime.UtcNow + TouchScreen.Patience;
        while (DateTime.UtcNow < deadline)
        {
            if ((await screen.Controller.StatusAsync()).GetProperty("state").GetString() == state)
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }

    /// <summary>No scrolling, and nothing of the view (or of <paramref name="within"/>) outside the viewport.</summary>
    internal static async Task AssertFitsAsync(IPage page, int width, int height, string within = "#view-treatment, .bar")
    {
        var fit = await page.EvaluateAsync<JsonElement>(
            """
            within => {
              const root = document.scrollingElement;
              const outside = [];
              for (const container of document.querySelectorAll(within)) {
                for (const e of [container, ...container.querySelectorAll('*')]) {
                  const r = e.getBoundingClientRect();
                  if (r.width === 0 || r.height === 0 || getComputedStyle(e).visibility === 'hidden') continue;
                  if (r.bottom > innerHeight + 0.5 || r.right > innerWidth + 0.5 || r.top < -0.5 || r.left < -0.5) {
                    outside.push(`${e.tagName.toLowerCase()}#${e.id}.${e.className} ${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)}`);
                  }
                }
              }
              return { scrollHeight: root.scrollHeight, clientHeight: root.clientHeight, scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, outside };
            }
            """,
            within);
        Assert.True(fit.GetProperty("scrollHeight").GetInt32() <= height, $"the page scrolls vertically at {width}×{height}: {fit}");
        Assert.True(fit.GetProperty("scrollWidth").GetInt32() <= width, $"the page scrolls sideways at {width}×{height}: {fit}");
        Assert.True(fit.GetProperty("outside").GetArrayLength() == 0, $"parts of the view are off the {width}×{height} screen: {fit.GetProperty("outside")}");
    }

    /// <summary>Every visible button, select, input and link is at least 48×48 CSS px.</summary>
    internal static async Task AssertTouchTargetsAsync(IPage page, string within = "#view-treatment, .bar")
    {
        var small = await page.EvaluateAsync<string[]>(
            """
            within => [...document.querySelectorAll(within)].flatMap(c => [...c.querySelectorAll('button, select, input, a, [role=tab]')])
              .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden'; })
              .map(e => ({ e, r: e.getBoundingClientRect() }))
              .filter(({ r }) => r.width < 48 || r.height < 48)
              .map(({ e, r }) => `${e.tagName.toLowerCase()}#${e.id} "${e.textContent.trim()}" ${r.width.toFixed(0)}×${r.height.toFixed(0)}`)
            """,
            within);
        Assert.True(small.Length == 0, "touch targets under 48 px: " + string.Join("; ", small));
    }

    /// <summary>The rendered text holds no Latin word but the ones kept on purpose (and those given).</summary>
    internal static async Task AssertNoEnglishAsync(IPage page, string within, params string[] alsoKept)
    {
        var texts = await page.EvaluateAsync<string[]>(
            """
            within => {
              const out = [];
              for (const container of document.querySelectorAll(within)) {
                const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                  const element = node.parentElement;
                  if (!element || element.closest('[lang]').lang !== 'zh-CN') continue;
                  const r = element.getBoundingClientRect();
                  if (r.width === 0 || r.height === 0 || getComputedStyle(element).visibility === 'hidden') continue;
                  if (element.tagName === 'OPTION' || element.tagName === 'SCRIPT') continue;
                  if (node.textContent.trim()) out.push(node.textContent.trim());
                }
                for (const select of container.querySelectorAll('select')) {
                  if (select.getBoundingClientRect().width > 0) out.push(...[...select.options].map(o => o.text));
                }
                for (const input of container.querySelectorAll('input')) {
                  if (input.placeholder) out.push(input.placeholder);
                }
              }
              return out;
            }
            """,
            within);
        var kept = KeptInChinese.Concat(alsoKept).ToHashSet(StringComparer.Ordinal);
        var english = texts.SelectMany(text => LatinWord().Matches(text).Select(m => (Word: m.Value, Text: text)))
            .Where(w => !kept.Contains(w.Word))
            .ToList();
        Assert.True(english.Count == 0, "English left in the Chinese view: " + string.Join("; ", english.Select(w => $"'{w.Word}' in \"{w.Text}\"")));
        Assert.Contains(texts, t => t.Any(c => c is >= '\u4e00' and <= '\u9fff'));
    }

    [GeneratedRegex("[A-Za-z]{2,}")]
    private static partial Regex LatinWord();
}
