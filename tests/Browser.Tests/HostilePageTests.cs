using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace HydroOxygen.Browser.Tests;

/// <summary>
/// Issue 12, finding 7, in a real browser (DESIGN §3.4, "Hostile callers"): a page from another
/// local origin auto-submits forms and sends <c>no-cors</c> fetches to the controller, and a page on
/// a rebound name (DNS rebinding: <see cref="RebindingName"/> resolves to 127.0.0.1) sends
/// same-origin JSON. Every one of those requests reaches the controller — its log names each
/// refusal — and the device's state and alarms do not change.
/// </summary>
[Collection(nameof(BrowserCollection))]
public sealed partial class HostilePageTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>A name the rebinding test's browser resolves to 127.0.0.1, as an attacker's name would after rebinding.</summary>
    public const string RebindingName = "rebind.test";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private static readonly string[] UnchangedStates = ["Ready", "Charging"];
    private ControllerProcess _controller = null!;
    private IBrowserContext _context = null!;

    public async Task InitializeAsync()
    {
        _controller = await ControllerProcess.StartAsync();
        _context = await browser.Browser.NewContextAsync();
        _context.SetDefaultTimeout((float)Patience.TotalMilliseconds);

        // An alarm waiting for the technician's acknowledgement, which a hostile page must not give.
        using var fault = new StringContent("""{"fault": "liquid_empty"}""", Encoding.UTF8, "application/json");
        (await _controller.Http.PostAsync("api/sim/fault", fault)).EnsureSuccessStatusCode();
        await _controller.WaitForAsync(s => s.GetProperty("alarms").GetArrayLength() > 0, "alarming", Patience);
    }

    public async Task DisposeAsync()
    {
        await _context.CloseAsync();
        await _controller.DisposeAsync();
    }

    [Fact]
    public async Task Forms_and_no_cors_fetches_from_another_origin_change_nothing()
    {
        var device = _controller.BaseAddress.ToString().TrimEnd('/');
        var page = $$"""
            <!doctype html>
            <html><body>
            <iframe name="sink1"></iframe><iframe name="sink2"></iframe>
            <form id="shutdown" method="post" action="{{device}}/api/shutdown" target="sink1"></form>
            <form id="ack" method="post" action="{{device}}/api/alarms/ack" target="sink2" enctype="text/plain"><input name='{"x":"' value='"}'></form>
            <script>
              window.attempts = (async () => {
                document.getElementById('shutdown').submit();
                document.getElementById('ack').submit();
                const sent = [];
                for (const [path, init] of [
                  ['/api/shutdown', { method: 'POST', mode: 'no-cors', body: '' }],
                  ['/api/alarms/ack', { method: 'POST', mode: 'no-cors' }],
                  ['/api/alarms/ack', { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body: '{}' }],
                ]) {
                  try { await fetch('{{device}}' + path, init); sent.push(path); } catch (e) { sent.push(path + ': ' + e); }
                }
                return sent;
              })();
            </script>
            </body></html>
            """;
        using var site = new HostileSite(page);
        var tab = await _context.NewPageAsync();

        await tab.GotoAsync(site.Address.ToString());
        var sent = await tab.EvaluateAsync<string[]>("() => window.attempts");
        output.WriteLine($"the page at {site.Address} sent: {string.Join(", ", sent)}");

        // Two shutdowns and three acknowledgements reached the controller and were turned away.
        await WaitForRefusalsAsync(("/api/shutdown", 2), ("/api/alarms/ack", 3));
        await AssertUnchangedAsync();
    }

    [Fact]
    public async Task A_page_on_a_rebound_name_cannot_read_or_change_the_device()
    {
        var origin = $"http://{RebindingName}:{_controller.BaseAddress.Port}";
        const string page = """
            <!doctype html>
            <html><body><script>
              window.attempts = (async () => {
                const json = { 'Content-Type': 'application/json' };
                const answers = [];
                for (const [path, init] of [
                  ['/api/status', {}],
                  ['/api/shutdown', { method: 'POST', headers: json, body: '{}' }],
                  ['/api/alarms/ack', { method: 'POST', headers: json, body: '{}' }],
                ]) {
                  try { answers.push(path + ' ' + (await fetch(path, init)).status); } catch (e) { answers.push(path + ' ' + e); }
                }
                return answers;
              })();
            </script></body></html>
            """;
        // Chromium's own Local Network Access checks would stop this page before it reached the device;
        // they are off in this browser, so that the test shows the device's defence (other and older
        // browsers have no such checks).
        using var playwright = await Playwright.CreateAsync();
        await using var rebinding = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFixture.ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                $"--host-resolver-rules=MAP {RebindingName} 127.0.0.1",
                "--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessSendPreflights",
            ],
        });
        var tab = await rebinding.NewPageAsync();
        tab.SetDefaultTimeout((float)Patience.TotalMilliseconds);

        // The attacker's page as its own server first gave it; the name then resolves to the device.
        await tab.RouteAsync(origin + "/", route => route.FulfillAsync(new RouteFulfillOptions { ContentType = "text/html", Body = page }));
        await tab.GotoAsync(origin + "/");
        var answers = await tab.EvaluateAsync<string[]>("() => window.attempts");
        output.WriteLine($"the page at {origin} got: {string.Join(", ", answers)}");

        Assert.Equal(["/api/status 403", "/api/shutdown 403", "/api/alarms/ack 403"], answers);
        await WaitForRefusalsAsync(("/api/status", 1), ("/api/shutdown", 1), ("/api/alarms/ack", 1));
        await AssertUnchangedAsync();
    }

    /// <summary>Waits until the controller has logged the given number of refusals per path.</summary>
    private async Task WaitForRefusalsAsync(params (string Path, int Count)[] expected)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var log = _controller.Output;
            var missing = expected.Where(e => Refusals(log, e.Path) < e.Count).ToList();
            if (missing.Count == 0)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                var status = await _controller.StatusAsync();
                Assert.Fail($"refusals missing for {string.Join(", ", missing.Select(m => $"{m.Path} (wanted {m.Count}, saw {Refusals(log, m.Path)})"))}; " +
                    $"the device is {status.GetProperty("state").GetString()}, alarms {status.GetProperty("alarms")}\n{log}");
            }

            await Task.Delay(100);
        }
    }

    private static int Refusals(string log, string path) =>
        RefusalLine().Matches(log).Count(m => m.Groups["path"].Value == path);

    private async Task AssertUnchangedAsync()
    {
        // Ready, or Charging while the bottle tops up: not ShuttingDown, not Off.
        var status = await _controller.StatusAsync();
        Assert.Contains(status.GetProperty("state").GetString(), UnchangedStates);
        var alarm = status.GetProperty("alarms").EnumerateArray().Single(a => a.GetProperty("code").GetString() == "LiquidEmpty");
        Assert.False(alarm.GetProperty("acknowledged").GetBoolean(), $"the alarm was acknowledged: {alarm}");
    }

    [GeneratedRegex(@"Refused (GET|POST) (?<path>/api/\S+) from")]
    private static partial Regex RefusalLine();
}
