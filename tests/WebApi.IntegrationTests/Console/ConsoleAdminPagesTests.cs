using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using KeyBox.WebApi.IntegrationTests.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KeyBox.WebApi.IntegrationTests.Console;

/// <summary>The console's administration pages (API keys, users, password, versions, webhooks) in a real browser.</summary>
public sealed class ConsoleAdminPagesTests : ConsoleBrowserTest
{
    private string Screenshot(string name) => Path.Combine(RepositoryRoot, "TestResults", "console", name + ".png");

    private ILocator Navigation => Page.GetByRole(AriaRole.Navigation, new() { Name = "Console" });

    /// <summary>A snackbar fading out is half transparent (axe measures its contrast mid-animation): check once it is gone.</summary>
    private async Task AssertAccessibleAfterSnackbarsAsync(string pageName)
    {
        await Expect(Page.Locator(".mud-snackbar")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        await AssertAccessibleAsync(pageName);
    }

    [Test]
    public async Task Admin_creates_an_external_api_key_copies_it_once_and_revokes_it()
    {
        await Page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = new Uri(ConsoleUrl).GetLeftPart(UriPartial.Authority) });
        await LogInAsAdminAsync();
        await Navigation.GetByRole(AriaRole.Link, new() { Name = "API keys" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "API keys", Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync();

        // An expiry in the past is the validator's message, beside the field; nothing is created.
        await Page.GetByRole(AriaRole.Button, new() { Name = "New API key" }).ClickAsync();
        var dialog = Page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Name").FillAsync("shop-frontend");
        await dialog.GetByLabel("Expires (optional)").FillAsync("2001-01-01");
        await dialog.GetByLabel("Expires (optional)").PressAsync("Tab");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Expect(dialog.GetByText("The expiry must be in the future.")).ToBeVisibleAsync();

        var expiry = DateTime.UtcNow.AddYears(1).ToString("yyyy-MM-dd");
        await dialog.GetByLabel("Expires (optional)").FillAsync(expiry);
        await dialog.GetByLabel("Expires (optional)").PressAsync("Tab");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();

        // The plain key, once, with its warning and a copy button that really copies.
        await Expect(dialog.GetByTestId("key-warning")).ToContainTextAsync("shown only this once");
        var plainKey = (await dialog.GetByTestId("plain-key").TextContentAsync())!.Trim();
        Assert.That(plainKey, Does.Match("^kb_[0-9a-f]{48}$"));
        await AssertAccessibleAsync("api key created");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Copy the key" }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Status)).ToContainTextAsync("Copied");
        Assert.That(await Page.EvaluateAsync<string>("navigator.clipboard.readText()"), Is.EqualTo(plainKey));
        await SaveScreenshotAsync(Screenshot("api-key-created"));
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();

        // The list shows the key's prefix and expiry, never the plain key.
        var row = Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "shop-frontend" });
        await Expect(row).ToContainTextAsync("external");
        await Expect(row).ToContainTextAsync(expiry);
        await Expect(row).ToContainTextAsync("Active");
        Assert.That(await Page.ContentAsync(), Does.Not.Contain(plainKey));
        await AssertAccessibleAfterSnackbarsAsync("api keys");

        // The key works on the external API ...
        using var client = new HttpClient { BaseAddress = new Uri(ConsoleUrl[..^"admin/".Length]) };
        client.DefaultRequestHeaders.Add("X-API-KEY", plainKey);
        Assert.That((await client.GetAsync("/api/external/connection-check")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        // ... until it is revoked, which asks first.
        await row.GetByRole(AriaRole.Button, new() { Name = "Revoke shop-frontend" }).ClickAsync();
        await Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(row).ToContainTextAsync("Active");
        await row.GetByRole(AriaRole.Button, new() { Name = "Revoke shop-frontend" }).ClickAsync();
        await Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Expect(row).ToContainTextAsync("Revoked");
        Assert.That((await client.GetAsync("/api/external/connection-check")).StatusCode, Is.Not.EqualTo(HttpStatusCode.OK));
    }
}
