using System.Net;
using System.Text.RegularExpressions;
using KeyBox.WebApi.IntegrationTests.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KeyBox.WebApi.IntegrationTests.Console;

/// <summary>What a person does in the admin console, in a real browser against the real server.</summary>
public sealed class ConsoleJourneyTests : ConsoleBrowserTest
{
    [Test]
    public async Task Admin_logs_in_sees_the_dashboard_creates_a_product_and_deactivates_it()
    {
        // Some data for the dashboard: two products, licenses in three states.
        await CreateProductAsync("DESK");
        await CreateProductAsync("CLOUD");
        await CreateLicenseAsync("DESK");
        await CreateLicenseAsync("DESK", new { duration_months = 12 });
        var blocked = await CreateLicenseAsync("CLOUD");
        await SendAsync(Internal, HttpMethod.Post, $"/api/internal/blocked-product-licenses/{blocked["id"]}", null, HttpStatusCode.OK);

        await Page.GotoAsync(ConsoleUrl + "login");
        await AssertAccessibleAsync("login");
        await LogInAsAdminAsync();

        await Expect(Page.GetByTestId("count").Filter(new() { HasText = "Products" })).ToContainTextAsync("2");
        await Expect(Page.GetByTestId("count").Filter(new() { HasText = "Licenses" }).First).ToContainTextAsync("3");
        await Expect(Page.GetByRole(AriaRole.Img, new() { NameRegex = new Regex("Licenses by status") })).ToBeVisibleAsync();
        await AssertAccessibleAsync("dashboard");
        // docs/console-dashboard.png comes from ConsoleActivityTests, whose dashboard has usage figures to chart.

        await Page.GetByRole(AriaRole.Link, new() { Name = "Products" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Products", Level = 1 })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "DESK" })).ToBeVisibleAsync();
        await AssertAccessibleAsync("products");

        // A reference the validator refuses: its message beside the field, nothing created.
        await Page.GetByRole(AriaRole.Button, new() { Name = "New product" }).ClickAsync();
        var dialog = Page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Reference").FillAsync("not valid!");
        await dialog.GetByLabel("Name").FillAsync("Console Product");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Expect(dialog.GetByText(KeyBox.Application.Common.Exceptions.UnavailableValue.ReferenceIdMessage)).ToBeVisibleAsync();
        await SaveScreenshotAsync(Path.Combine(RepositoryRoot, "TestResults", "console", "product-validation.png"));

        await dialog.GetByLabel("Reference").FillAsync("CONSOLE-1");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        var row = Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "CONSOLE-1" });
        await Expect(row).ToContainTextAsync("Active");

        // Deactivation asks first; cancelling changes nothing, confirming deactivates.
        await row.GetByRole(AriaRole.Button, new() { Name = "Deactivate CONSOLE-1" }).ClickAsync();
        await Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(row).ToContainTextAsync("Active");
        await row.GetByRole(AriaRole.Button, new() { Name = "Deactivate CONSOLE-1" }).ClickAsync();
        await Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync();
        await Expect(row).ToContainTextAsync("Inactive");

        var product = await SendAsync(Internal, HttpMethod.Get, "/api/internal/products/CONSOLE-1", null, HttpStatusCode.OK);
        JsonAssert.IsBoolean(product["data"]!["is_active"], false, "is_active");
    }

    [Test]
    public async Task Wrong_credentials_are_refused_and_logging_out_ends_the_session()
    {
        await LogInAsync(KeyBoxFactory.AdminEmail, "not-the-password");
        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Invalid email or password.");
        Assert.That(Page.Url, Does.Contain("/admin/login"));

        await LogInAsync(string.Empty, "whatever");
        await Expect(Page.Locator("#email-error")).ToHaveTextAsync("The email is required.");
        await SaveScreenshotAsync(Path.Combine(RepositoryRoot, "TestResults", "console", "login-validation.png"));

        await LogInAsAdminAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Log in" })).ToBeVisibleAsync();

        await Page.GotoAsync(ConsoleUrl);
        await Expect(Page).ToHaveURLAsync(new Regex("/admin/login\\?ReturnUrl="));
    }

    [Test]
    public async Task A_developer_sees_only_their_own_products_and_no_admin_page()
    {
        await CreateProductAsync("ADMINS-OWN");
        await CreateDeveloperAsync("dev@keybox.test", "Developer-Password-1");

        await LogInAsync("dev@keybox.test", "Developer-Password-1");
        await Page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Level = 1 }).WaitForAsync();
        await WaitUntilInteractiveAsync();
        var navigation = Page.GetByRole(AriaRole.Navigation, new() { Name = "Console" });
        await Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "Products" })).ToBeVisibleAsync();
        await Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "Settings" })).ToHaveCountAsync(0);

        // What the developer creates in the console is theirs; the admin's product stays invisible to them.
        await navigation.GetByRole(AriaRole.Link, new() { Name = "Products" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "New product" }).ClickAsync();
        var dialog = Page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Reference").FillAsync("DEVS-OWN");
        await dialog.GetByLabel("Name").FillAsync("Developer's product");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "DEVS-OWN" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "ADMINS-OWN" })).ToHaveCountAsync(0);

        // An admin-only page, typed into the address bar, is refused.
        var response = await Page.GotoAsync(ConsoleUrl + "settings");
        await Expect(Page).ToHaveURLAsync(new Regex("/admin/access-denied"));
        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("administrators only");
        await Expect(Page.GetByTestId("requests-per-minute")).ToHaveCountAsync(0);
        Assert.That(response, Is.Not.Null);
    }

    [Test]
    public async Task An_admin_sees_the_settings_page()
    {
        await LogInAsAdminAsync();
        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Console" }).GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Settings", Level = 1 })).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("requests-per-minute")).ToHaveTextAsync("3000");
    }
}
