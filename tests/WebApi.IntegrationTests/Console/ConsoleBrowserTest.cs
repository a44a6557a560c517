using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Accounts;
using KeyBox.Domain.Common;
using KeyBox.WebApi.IntegrationTests.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NUnit.Framework.Interfaces;

namespace KeyBox.WebApi.IntegrationTests.Console;

/// <summary>
/// Journeys through the admin console in a real browser: Debian's Chromium (<c>/usr/bin/chromium</c>, or
/// <c>KEYBOX_CHROMIUM</c>) driven by Playwright, against KeyBox on a real Kestrel socket and the test database. One
/// browser per fixture, a fresh browser context (no cookies) per test. Every test leaves a screenshot in
/// <c>TestResults/console/</c>, and on failure the page's HTML beside it. Without a Chromium the tests are skipped
/// (<c>./build.sh test</c> installs it when it may).
/// </summary>
[NonParallelizable]
public abstract class ConsoleBrowserTest : IntegrationTest
{
    public const string ChromiumVariable = "KEYBOX_CHROMIUM";

    private KeyBoxFactory? _kestrel;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private IBrowserContext? _context;

    /// <summary>The console's root URL on the Kestrel server, ending with <c>/admin/</c>.</summary>
    protected string ConsoleUrl { get; private set; } = string.Empty;

    protected IPage Page { get; private set; } = null!;

    protected KeyBoxFactory Kestrel => _kestrel!;

    protected static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Settings of the console's server beyond the defaults (e.g. a fixture that needs the webhook dispatcher).</summary>
    protected virtual IReadOnlyDictionary<string, string?> ServerSettings { get; } = new Dictionary<string, string?>();

    [OneTimeSetUp]
    public async Task StartBrowserAsync()
    {
        var chromium = Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            Assert.Ignore($"No Chromium at {chromium}: the console's browser tests are skipped. Install Debian's chromium " +
                $"(apt-get install chromium; ./build.sh test does it as root when CI=true or KEYBOX_AUTO_INSTALL=1) or set {ChromiumVariable}.");
        }

        var settings = new Dictionary<string, string?>(ServerSettings) { ["Kestrel:Endpoints:Http:Url"] = "http://127.0.0.1:0" };
        _kestrel = new KeyBoxFactory(settings);
        _kestrel.UseKestrel();
        _kestrel.StartServer();
        var address = _kestrel.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        ConsoleUrl = address.TrimEnd('/') + "/admin/";

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox"],
        });
    }

    [SetUp]
    public async Task OpenPageAsync()
    {
        _context = await _browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        _context.SetDefaultTimeout(20_000);
        Page = await _context.NewPageAsync();
    }

    [TearDown]
    public async Task SaveEvidenceAsync()
    {
        if (_context is null)
        {
            return;
        }

        var directory = Path.Combine(RepositoryRoot, "TestResults", "console");
        Directory.CreateDirectory(directory);
        var name = Regex.Replace(TestContext.CurrentContext.Test.Name, "[^A-Za-z0-9_.-]", "_");
        try
        {
            var screenshot = Path.Combine(directory, name + ".png");
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
            TestContext.AddTestAttachment(screenshot);
            if (TestContext.CurrentContext.Result.Outcome.Status == TestStatus.Failed)
            {
                var html = Path.Combine(directory, name + ".html");
                await File.WriteAllTextAsync(html, await Page.ContentAsync());
                TestContext.AddTestAttachment(html);
            }
        }
        finally
        {
            await _context.DisposeAsync();
            _context = null;
        }
    }

    [OneTimeTearDown]
    public async Task StopBrowserAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_kestrel is not null)
        {
            await _kestrel.DisposeAsync();
        }
    }

    /// <summary>Opens a console page (a path relative to <c>/admin/</c>) and waits until it is interactive.</summary>
    protected async Task OpenAsync(string path = "")
    {
        await Page.GotoAsync(ConsoleUrl + path);
        await WaitUntilInteractiveAsync();
    }

    /// <summary>Interactive pages answer clicks only once their circuit is up: the layout says so on its <c>main</c> element.</summary>
    protected Task WaitUntilInteractiveAsync() =>
        Page.Locator("main[data-interactive='true']").WaitForAsync();

    protected async Task LogInAsync(string email, string password)
    {
        await Page.GotoAsync(ConsoleUrl + "login");
        await Page.GetByLabel("Email").FillAsync(email);
        await Page.GetByLabel("Password").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
    }

    protected async Task LogInAsAdminAsync()
    {
        await LogInAsync(KeyBoxFactory.AdminEmail, KeyBoxFactory.AdminPassword);
        await Page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Level = 1 }).WaitForAsync();
        await WaitUntilInteractiveAsync();
    }

    /// <summary>A DEVELOPER account, made through the repository (whatever the signup setting).</summary>
    protected async Task<Guid> CreateDeveloperAsync(string email, string password)
    {
        await using var scope = Kestrel.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var user = User.Create("Developer", email, services.GetRequiredService<IPasswordHasher>().Hash(password), UserRole.Developer, DateTimeOffset.UtcNow);
        services.GetRequiredService<IUserRepository>().Add(user);
        await services.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
        return user.Id;
    }

    /// <summary>No serious or critical accessibility violation (axe-core) on the current page.</summary>
    protected async Task AssertAccessibleAsync(string pageName)
    {
        // A snackbar measured while it fades in or out has a blended, too-light text colour: wait until every snackbar
        // on the page is fully shown (or gone) so that axe sees what the user reads.
        await Page.WaitForFunctionAsync(
            "() => [...document.querySelectorAll('.mud-snackbar')].every(e => getComputedStyle(e).opacity === '1')");
        var result = await Page.RunAxe();
        var severe = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.That(severe, Is.Empty, () => $"{pageName}: " + string.Join("\n", severe.Select(Describe)));
    }

    protected async Task SaveScreenshotAsync(string path) =>
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });

    private static string Describe(AxeResultItem violation) =>
        $"{violation.Impact} {violation.Id}: {violation.Help} — " +
        string.Join("; ", violation.Nodes.Take(5).Select(n => n.Html));

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "KeyBox.sln")))
            {
                return directory.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
