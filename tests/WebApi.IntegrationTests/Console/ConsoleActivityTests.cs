using System.Net;
using System.Text.RegularExpressions;
using KeyBox.Infrastructure.Services;
using KeyBox.WebApi.IntegrationTests.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KeyBox.WebApi.IntegrationTests.Console;

/// <summary>The dashboard's usage charts, expiring licenses and recent activity, and the Activity page, in a real browser.</summary>
public sealed class ConsoleActivityTests : ConsoleBrowserTest
{
    private const string Shop = "https://shop.example.com/";

    [Test]
    public async Task The_dashboard_shows_counts_usage_charts_expiring_licenses_and_recent_activity()
    {
        await CreateProductAsync("DESK");
        await CreateProductAsync("CLOUD");
        var expiresAt = Server.Clock.GetUtcNow().AddDays(10).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ");
        await CreateLicenseAsync("DESK", new { license_code = "EXPIRING-0001", expires_at = expiresAt });
        await CreateLicenseAsync("DESK", new { license_code = "DESK-0002", parallel_uses = 2 });
        var blocked = await CreateLicenseAsync("CLOUD");
        await SendAsync(Internal, HttpMethod.Post, $"/api/internal/blocked-product-licenses/{blocked["id"]}", null, HttpStatusCode.OK);
        using (var client = ClientAt(Shop))
        {
            var token = (await SendAsync(client, HttpMethod.Post, "/api/external/license/activate", new { product_id = "DESK", license_code = "DESK-0002" }, HttpStatusCode.OK))["lic_response"]!.GetValue<string>();
            for (var i = 0; i < 3; i++)
            {
                await SendAsync(client, HttpMethod.Post, "/api/external/license/verify", new { product_id = "DESK", license_data = token }, HttpStatusCode.OK);
            }
        }

        // The counts wait in the API server's memory; written now instead of within Stats:FlushSeconds.
        await Server.Services.GetRequiredService<UsageCounter>().FlushAsync(CancellationToken.None);

        await LogInAsAdminAsync();
        await Expect(Page.GetByTestId("count").Filter(new() { HasText = "Products" })).ToContainTextAsync("2");
        await Expect(Page.GetByTestId("count").Filter(new() { HasText = "Active activations" })).ToContainTextAsync("1");
        await Expect(Page.GetByRole(AriaRole.Img, new() { NameRegex = new Regex("^Verifications per day: 3 in the last 30 days, 3 today") })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Img, new() { NameRegex = new Regex("1 activations, 0 deactivations, 0 downloads") })).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("verifications-chart").Locator("svg")).ToBeVisibleAsync();

        var expiring = Page.GetByLabel("Licenses expiring in the next 30 days", new() { Exact = true });
        await Expect(expiring.GetByRole(AriaRole.Row).Filter(new() { HasText = "EXPIRING-0001" })).ToBeVisibleAsync();
        await Expect(expiring.GetByRole(AriaRole.Row).Filter(new() { HasText = "DESK-0002" })).ToHaveCountAsync(0);

        var recent = Page.GetByLabel("Recent activity", new() { Exact = true });
        await Expect(recent.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("license.activated");
        await Expect(recent.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("External API");
        await Expect(recent.GetByRole(AriaRole.Row).Filter(new() { HasText = "license.blocked" })).ToContainTextAsync(KeyBoxFactory.AdminEmail);
        await AssertAccessibleAsync("dashboard");
        await SaveScreenshotAsync(Path.Combine(RepositoryRoot, "docs", "console-dashboard.png"));

        // A license's own activity (the LicenseActivity component).
        await expiring.GetByRole(AriaRole.Button, new() { Name = "Activity of EXPIRING-0001" }).ClickAsync();
        var dialog = Page.GetByRole(AriaRole.Dialog);
        var licenseLog = dialog.GetByLabel("License activity", new() { Exact = true });
        await Expect(licenseLog.GetByRole(AriaRole.Row).Filter(new() { HasText = "license.created" })).ToHaveCountAsync(1);
        await Expect(licenseLog.GetByRole(AriaRole.Row).Filter(new() { HasText = "license.activated" })).ToHaveCountAsync(0);
        await AssertAccessibleAsync("license activity");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Close" }).Last.ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();

        // Another product: its own figures.
        await Page.GetByLabel("Product").ClickAsync();
        await Page.GetByRole(AriaRole.Option, new() { Name = "Product CLOUD (CLOUD)" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Img, new() { NameRegex = new Regex("^Verifications per day: 0 in the last 30 days") })).ToBeVisibleAsync();
    }

    [Test]
    public async Task The_activity_page_filters_the_log_and_says_what_is_wrong_with_a_filter()
    {
        await CreateProductAsync("ACT-1");
        var license = await CreateLicenseAsync("ACT-1", new { license_code = "ACT-LIC-0001" });
        await SendAsync(Internal, HttpMethod.Post, $"/api/internal/blocked-product-licenses/{license["id"]}", null, HttpStatusCode.OK);

        await LogInAsAdminAsync();
        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Console" }).GetByRole(AriaRole.Link, new() { Name = "Activity" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Activity", Level = 1 })).ToBeVisibleAsync();
        var table = Page.GetByLabel("Activity", new() { Exact = true });
        await Expect(table.GetByRole(AriaRole.Row)).ToHaveCountAsync(4, new() { Timeout = 10_000 });
        await AssertAccessibleAsync("activity");

        await Page.GetByLabel("Action").FillAsync("license.*");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await Expect(table.GetByRole(AriaRole.Row)).ToHaveCountAsync(3);
        await Expect(table.GetByRole(AriaRole.Row).Filter(new() { HasText = "product.created" })).ToHaveCountAsync(0);

        await Page.GetByLabel("Entity").FillAsync("not an entity!");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await Expect(Page.GetByText("The entity must be an entity type")).ToBeVisibleAsync();
        await SaveScreenshotAsync(Path.Combine(RepositoryRoot, "TestResults", "console", "activity-filter-error.png"));

        await Page.GetByRole(AriaRole.Button, new() { Name = "Clear filters" }).ClickAsync();
        await Expect(table.GetByRole(AriaRole.Row)).ToHaveCountAsync(4);
    }

    [Test]
    public async Task A_developer_sees_only_the_activity_of_their_own_data_and_their_console_changes_are_logged()
    {
        await CreateProductAsync("ADMINS-OWN");
        await CreateDeveloperAsync("dev-activity@keybox.test", "Developer-Password-1");

        await LogInAsync("dev-activity@keybox.test", "Developer-Password-1");
        await Page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Level = 1 }).WaitForAsync();
        await WaitUntilInteractiveAsync();
        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Console" }).GetByRole(AriaRole.Link, new() { Name = "Products" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "New product" }).ClickAsync();
        var dialog = Page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Reference").FillAsync("DEVS-OWN");
        await dialog.GetByLabel("Name").FillAsync("Developer's product");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();

        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Console" }).GetByRole(AriaRole.Link, new() { Name = "Activity" }).ClickAsync();
        var table = Page.GetByLabel("Activity", new() { Exact = true });
        var row = table.GetByRole(AriaRole.Row).Filter(new() { HasText = "product.created" });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("Console");
        await Expect(row).ToContainTextAsync("dev-activity@keybox.test");
        await Expect(row).ToContainTextAsync("127.0.0.1");
        await Expect(Page.GetByText("You see the changes of your own data and those you made.")).ToBeVisibleAsync();

        var entries = await SendAsync(Internal, HttpMethod.Get, "/api/internal/audit-log?action=product.created", null, HttpStatusCode.OK);
        Assert.That(entries["data"]!.AsArray(), Has.Count.EqualTo(2), "the admin's own product and the developer's");
    }
}
