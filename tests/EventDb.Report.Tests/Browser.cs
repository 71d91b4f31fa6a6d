using Xunit.Abstractions;
using Microsoft.Playwright;

namespace EventDb.Report.Tests;

/// <summary>
/// One headless chromium for the test class (Debian's, at /usr/bin/chromium: Playwright brings its driver, and no
/// browser is downloaded), with a fresh page per use; every request the page makes is recorded, and none may leave
/// the page's own file.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Where the screenshots go; the tests name each one in their output, and list them in screenshots.txt there.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(Chromium))
            throw new InvalidOperationException($"{Chromium} is missing: apt-get install -y chromium (.ci/run installs it).");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    /// <summary>Opens <paramref name="html"/> (a file) in a new page, <paramref name="dark"/> or light, offline.</summary>
    public async Task<OpenPage> OpenAsync(string html, bool dark = false, int width = 1280)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
            ColorScheme = dark ? ColorScheme.Dark : ColorScheme.Light,
            Offline = true,
        });
        var page = await context.NewPageAsync();
        var open = new OpenPage(context, page);
        page.Request += (_, request) => open.Requests.Add(request.Url);
        page.Console += (_, message) => open.Console.Add(message.Type + ": " + message.Text);
        page.PageError += (_, error) => open.Console.Add("pageerror: " + error);
        await page.GotoAsync(new Uri(html).AbsoluteUri);
        return open;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}

/// <summary>A page open in its own browser context, with the requests it made and what it logged.</summary>
public sealed class OpenPage(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IPage Page { get; } = page;

    public List<string> Requests { get; } = [];

    public List<string> Console { get; } = [];

    /// <summary>The rows of table <paramref name="id"/> as shown: each cell's text and its number (data-v, or the text of a number cell).</summary>
    public async Task<List<(string Text, double? Value)[]>> RowsAsync(string id, bool visibleOnly = false)
    {
        var rows = await Page.EvaluateAsync<string?[][][]>(
            "([id, visible]) => Array.from(document.querySelectorAll('#' + id + ' tbody tr')).filter(r => !visible || !r.classList.contains('hide'))"
            + ".map(r => Array.from(r.cells).map(c => [c.textContent, c.getAttribute('data-v') ?? (c.classList.contains('n') && /^-?[0-9,]+$/.test(c.textContent) ? c.textContent.replace(/,/g, '') : null)]))",
            new object[] { id, visibleOnly });
        return [.. rows.Select(r => r.Select(c => (c[0] ?? "", c[1] is null ? (double?)null : double.Parse(c[1]!, System.Globalization.CultureInfo.InvariantCulture))).ToArray())];
    }

    /// <summary>The number a headline card shows.</summary>
    public async Task<long> CardAsync(string key)
    {
        var text = await Page.Locator($"[data-card={key}] .n").InnerTextAsync();
        return long.Parse(text.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Saves a screenshot (the whole page, or what the window shows) and returns its path.</summary>
    public async Task<string> ScreenshotAsync(string name, ITestOutputHelper output, bool fullPage = true)
    {
        var path = Path.Combine(Browser.ScreenshotDirectory, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage });
        output.WriteLine($"screenshot: {path}");
        lock (typeof(OpenPage))
            File.AppendAllText(Path.Combine(Browser.ScreenshotDirectory, "screenshots.txt"), path + "\n");
        return path;
    }

    public async ValueTask DisposeAsync() => await context.DisposeAsync();
}
