using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HydroOxygen.Browser.Tests;

/// <summary>
/// The device's own panel in a test: a touch-enabled Chromium page of the given size on a
/// controller started in the given language. Helpers press and hold with real touch events.
/// </summary>
internal sealed class TouchScreen : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private string? _ownDirectory;

    private readonly List<string> _missingTexts = [];

    private TouchScreen(ControllerProcess controller, IBrowserContext context, IPage page)
    {
        Controller = controller;
        Context = context;
        Page = page;

        // The page logs every key it asked for and had no text for (it then shows the key itself).
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.StartsWith("no text for ", StringComparison.Ordinal))
            {
                lock (_missingTexts)
                {
                    _missingTexts.Add(message.Text["no text for ".Length..]);
                }
            }
        };
    }

    public ControllerProcess Controller { get; private set; }
    public IBrowserContext Context { get; }
    public IPage Page { get; }

    /// <summary>The keys the page has shown without a text so far (each time it did).</summary>
    public IReadOnlyList<string> MissingTexts
    {
        get
        {
            lock (_missingTexts)
            {
                return [.. _missingTexts];
            }
        }
    }

    public static async Task<TouchScreen> OpenAsync(IBrowser browser, int width, int height, string language, string? dataDirectory = null, int? port = null, string? browserLocale = null)
    {
        var own = dataDirectory is null ? Directory.CreateTempSubdirectory("hydroxy-screen-").FullName : null;
        var controller = await StartControllerAsync(language, dataDirectory ?? own, port);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            HasTouch = true,
            IsMobile = false,
            Locale = browserLocale ?? "en-US",
        });
        context.SetDefaultTimeout((float)Patience.TotalMilliseconds);
        var page = await context.NewPageAsync();
        var screen = new TouchScreen(controller, context, page) { _ownDirectory = own };
        await screen.GotoAsync();
        return screen;
    }

    public static Task<ControllerProcess> StartControllerAsync(string? language, string? dataDirectory, int? port)
    {
        var args = new List<string>();
        if (language is not null)
        {
            args.Add("--Ui:Language=" + language);
        }

        if (port is { } p)
        {
            args.Add($"--urls=http://127.0.0.1:{p}");
        }

        return ControllerProcess.StartAsync(dataDirectory, [.. args]);
    }

    /// <summary>Restarts the controller on its data directory (and, with a fixed port, its address).</summary>
    public async Task RestartControllerAsync(string language, int? port)
    {
        await Controller.KillAsync();
        Controller = await StartControllerAsync(language, Controller.DataDirectory, port);
    }

    public async Task GotoAsync()
    {
        await Page.GotoAsync(Controller.BaseAddress.ToString());
        await Expect(Page.Locator("#state")).ToHaveAttributeAsync("data-state", "Ready");
        await Expect(Page.Locator("#connection")).ToHaveAttributeAsync("data-state", "live");
    }

    /// <summary>A free loopback port, for a controller that must come back on the same address.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Taps an element with a touch (touchstart/touchend, and the pointer and click events a touch makes).</summary>
    public Task TapAsync(string selector) => Page.Locator(selector).TapAsync();

    /// <summary>Puts a finger on the element's centre and keeps it there until <see cref="LiftAsync"/>.</summary>
    public async Task<ICDPSession> TouchDownAsync(string selector)
    {
        var box = await Page.Locator(selector).BoundingBoxAsync() ?? throw new InvalidOperationException($"{selector} is not on the screen");
        var cdp = await Context.NewCDPSessionAsync(Page);
        await cdp.SendAsync("Input.dispatchTouchEvent", new Dictionary<string, object>
        {
            ["type"] = "touchStart",
            ["touchPoints"] = new[] { new Dictionary<string, object> { ["x"] = box.X + (box.Width / 2), ["y"] = box.Y + (box.Height / 2) } },
        });
        return cdp;
    }

    public static async Task LiftAsync(ICDPSession cdp)
    {
        await cdp.SendAsync("Input.dispatchTouchEvent", new Dictionary<string, object>
        {
            ["type"] = "touchEnd",
            ["touchPoints"] = Array.Empty<object>(),
        });
        await cdp.DetachAsync();
    }

    public async Task<JsonElement> PostAsync(string path, string json)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using var response = await Controller.Http.PostAsync(path, content);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task ScreenshotAsync(string name)
    {
        var path = Path.Combine(BrowserFixture.ScreenshotDirectory, name);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
    }

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        await Controller.DisposeAsync();
        if (_ownDirectory is not null)
        {
            try
            {
                Directory.Delete(_ownDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A scratch directory left behind in /tmp is harmless.
            }
        }
    }
}
