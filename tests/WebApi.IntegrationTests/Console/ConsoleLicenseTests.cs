using System.Net;
using System.Text.RegularExpressions;
using KeyBox.Application.Customers.Commands.CreateCustomer;
using KeyBox.Application.Licenses.Commands.ActivateForCustomer;
using KeyBox.Application.Licenses.Commands.UpdateLicense;
using KeyBox.WebApi.IntegrationTests.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KeyBox.WebApi.IntegrationTests.Console;

/// <summary>The console's customers and licenses pages, in a real browser against the real server.</summary>
public sealed class ConsoleLicenseTests : ConsoleBrowserTest
{
    private static readonly Regex LicensePage = new("/admin/licenses/[0-9a-f-]{36}$");

    [Test]
    public async Task Admin_creates_a_customer_and_a_license_activates_it_for_the_customer_and_manages_it()
    {
        await CreateProductAsync("DESK");
        await Page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await LogInAsAdminAsync();

        // Customers: the validator's message beside the field, then a customer made and found by search.
        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Console" }).GetByRole(AriaRole.Link, new() { Name = "Customers" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Customers", Level = 1 })).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "New customer" }).ClickAsync();
        var dialog = Page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Name").FillAsync("Acme Corp");
        await dialog.GetByLabel("Email").FillAsync("not-an-email");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        var emailMessage = new CreateCustomerCommandValidator().Validate(new CreateCustomerCommand("Acme Corp", "not-an-email")).Errors.Single().ErrorMessage;
        await Expect(dialog.GetByText(emailMessage)).ToBeVisibleAsync();
        await dialog.GetByLabel("Email").FillAsync("it@acme.test");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Acme Corp" })).ToContainTextAsync("it@acme.test");
        await AssertAccessibleWithoutSnackbarsAsync("customers");

        // Their licenses: a new license for them, with a domain the validator refuses first.
        await Page.Locator("[aria-label='Licenses of Acme Corp']").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Licenses", Level = 1 })).ToBeVisibleAsync();
        await Expect(Page.GetByText("No licenses match.")).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "New license" }).ClickAsync();
        dialog = Page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByLabel("Customer", new() { Exact = true })).ToHaveValueAsync("Acme Corp <it@acme.test>");
        await dialog.GetByLabel("Seats (parallel uses)").FillAsync("2");
        await dialog.GetByLabel("Domains").FillAsync("not a domain!");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Expect(dialog.GetByText("'not a domain!' is not a valid domain: use a host such as example.com or *.example.com.")).ToBeVisibleAsync();
        await SaveScreenshotAsync(Path.Combine(RepositoryRoot, "TestResults", "console", "license-validation.png"));
        await dialog.GetByLabel("Domains").FillAsync("example.com\n*.example.com");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();

        // The license page: its code, copied to the clipboard.
        await Expect(Page).ToHaveURLAsync(LicensePage);
        var code = (await Page.GetByTestId("license-code").TextContentAsync())!.Trim();
        Assert.That(code, Is.Not.Empty);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Copy the license code" }).ClickAsync();
        await Expect(Page.GetByText("Copied to the clipboard.")).ToBeVisibleAsync();
        Assert.That(await Page.EvaluateAsync<string>("navigator.clipboard.readText()"), Is.EqualTo(code));
        await Expect(Page.GetByTestId("seats")).ToHaveTextAsync("0 of 2 in use");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Licenses of Acme Corp <it@acme.test>" })).ToBeVisibleAsync();

        // Activate for the customer: a bad URL is refused beside its field, then the activation takes a seat.
        await Page.GetByRole(AriaRole.Button, new() { Name = "Activate for a customer" }).ClickAsync();
        dialog = Page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Site URL").FillAsync("shop.example.com");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Activate" }).ClickAsync();
        await Expect(dialog.GetByText(ActivateForCustomerCommandValidator.UrlMessage)).ToBeVisibleAsync();
        await dialog.GetByLabel("Site URL").FillAsync("https://shop.example.com/");
        await dialog.GetByLabel("IP address").FillAsync("203.0.113.9");
        await dialog.GetByLabel("Machine id").FillAsync("FRONT-DESK-1");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Activate" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        var activation = Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "FRONT-DESK-1" });
        await Expect(activation).ToContainTextAsync("shop.example.com");
        await Expect(activation).ToContainTextAsync("203.0.113.9");
        await Expect(activation).ToContainTextAsync("Active");
        await Expect(Page.GetByTestId("seats")).ToHaveTextAsync("1 of 2 in use");

        // Deactivate asks first (cancel changes nothing); re-activate likewise.
        var deactivate = activation.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Deactivate ") });
        await deactivate.ClickAsync();
        await Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(Page.GetByTestId("seats")).ToHaveTextAsync("1 of 2 in use");
        await deactivate.ClickAsync();
        await Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync();
        await Expect(activation).ToContainTextAsync("Deactivated");
        await Expect(Page.GetByTestId("seats")).ToHaveTextAsync("0 of 2 in use");
        await activation.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Re-activate ") }).ClickAsync();
        await Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Re-activate" }).ClickAsync();
        await Expect(Page.GetByTestId("seats")).ToHaveTextAsync("1 of 2 in use");

        // Block, confirmed; the API sees it; unblock.
        await Page.GetByRole(AriaRole.Button, new() { Name = "Block", Exact = true }).ClickAsync();
        await Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Block", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Unblock" })).ToBeVisibleAsync();
        var id = Page.Url[(Page.Url.LastIndexOf('/') + 1)..];
        var blocked = await SendAsync(Internal, HttpMethod.Get, $"/api/internal/product-licenses/{id}", null, HttpStatusCode.OK);
        JsonAssert.IsBoolean(blocked["data"]!["is_blocked"], true, "is_blocked");
        Assert.That(blocked["data"]!["customer_id"]?.GetValue<string>(), Is.Null, "a console customer has no reference");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Unblock" }).ClickAsync();
        await Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Unblock" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Block", Exact = true })).ToBeVisibleAsync();

        // Edit: more seats, the same validators.
        await Page.GetByRole(AriaRole.Button, new() { Name = "Edit" }).ClickAsync();
        dialog = Page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Seats (parallel uses)").FillAsync("0");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        var seatsMessage = new UpdateLicenseCommandValidator().Validate(new UpdateLicenseCommand(
            Guid.Empty, null, null, null, 0, null, false, null, null, false, null, null, null, null, null)).Errors.Single().ErrorMessage;
        await Expect(dialog.GetByText(seatsMessage)).ToBeVisibleAsync();
        await dialog.GetByLabel("Seats (parallel uses)").FillAsync("3");
        await dialog.GetByText("Expires on a date").ClickAsync();
        await dialog.GetByLabel("Expires on (UTC)").FillAsync("2099-12-31");
        await dialog.GetByLabel("Expires on (UTC)").PressAsync("Tab");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(Page.GetByTestId("seats")).ToHaveTextAsync("1 of 3 in use");
        var edited = await SendAsync(Internal, HttpMethod.Get, $"/api/internal/product-licenses/{id}", null, HttpStatusCode.OK);
        Assert.That(edited["data"]!["parallel_uses"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That(edited["data"]!["expires_at"]!.GetValue<string>(), Does.StartWith("2099-12-31T00:00:00"));
        Assert.That(edited["data"]!["domains"]!.AsArray().Select(d => d!.GetValue<string>()), Is.EqualTo(new[] { "example.com", "*.example.com" }));

        // The license's own activity: what was just done to it, through the console.
        await Page.ReloadAsync();
        var activity = Page.GetByTestId("license-activity");
        await Expect(activity).ToContainTextAsync("license.blocked");
        await Expect(activity).ToContainTextAsync("license.unblocked");
        await Expect(activity).ToContainTextAsync("Console");

        await AssertAccessibleWithoutSnackbarsAsync("license");
        await SaveScreenshotAsync(Path.Combine(RepositoryRoot, "docs", "console-license.png"));
    }

    [Test]
    public async Task The_license_list_pages_by_cursor_searches_and_filters()
    {
        await CreateProductAsync("ALPHA");
        await CreateProductAsync("BETA");
        for (var i = 1; i <= 27; i++)
        {
            await CreateLicenseAsync("ALPHA", new { license_code = $"ALPHA-{i:D4}" });
        }

        var blocked = await CreateLicenseAsync("BETA", new { license_code = "BETA-BLOCKED", customer_id = "CUST-B" });
        await SendAsync(Internal, HttpMethod.Post, $"/api/internal/blocked-product-licenses/{blocked["id"]}", null, HttpStatusCode.OK);
        await CreateLicenseAsync("BETA", new { license_code = "BETA-PENDING", duration_months = 6 });

        await LogInAsAdminAsync();
        await OpenAsync("licenses");
        var rows = Page.Locator(".mud-table-body tr");
        await Expect(rows).ToHaveCountAsync(25);
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Previous" })).ToBeDisabledAsync();
        await AssertAccessibleAsync("licenses");
        await SaveScreenshotAsync(Path.Combine(RepositoryRoot, "TestResults", "console", "licenses-list.png"));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(4);
        await Expect(Page.GetByText("Page 2")).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Next" })).ToBeDisabledAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Previous" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(25);

        // Search: the start of a code.
        await Page.GetByLabel("Search").FillAsync("ALPHA-002");
        await Expect(rows).ToHaveCountAsync(8);
        await Expect(rows.First).ToContainTextAsync("ALPHA-0020");
        await Page.GetByLabel("Search").FillAsync("CUST-B");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("BETA-BLOCKED");
        await Page.GetByLabel("Search").FillAsync(string.Empty);
        await Expect(rows).ToHaveCountAsync(25);

        // Status and product filters.
        await SelectAsync("Status", "Pending");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("BETA-PENDING");
        await SelectAsync("Status", "Blocked");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("BETA-BLOCKED");
        await SelectAsync("Status", "Active");
        await Expect(rows).ToHaveCountAsync(25);
        await SelectAsync("Product", "Product ALPHA (ALPHA)");
        await Expect(rows).ToHaveCountAsync(25);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(2);

        await OpenAsync("licenses");
        await SelectAsync("Product", "Product BETA (BETA)");
        await Expect(rows).ToHaveCountAsync(2);
        await rows.Filter(new() { HasText = "BETA-BLOCKED" }).GetByRole(AriaRole.Link).ClickAsync();
        await Expect(Page).ToHaveURLAsync(LicensePage);
        await Expect(Page.GetByTestId("license-code")).ToHaveTextAsync("BETA-BLOCKED");
    }

    [Test]
    public async Task A_developer_sees_and_opens_only_their_own_customers_and_licenses()
    {
        await CreateProductAsync("ADMINS");
        var adminsLicense = await CreateLicenseAsync("ADMINS", new { license_code = "ADMINS-LICENSE", customer_id = "ADMINS-CUSTOMER" });
        var developer = await CreateDeveloperAsync("dev@keybox.test", "Developer-Password-1");
        await LogInAsync("dev@keybox.test", "Developer-Password-1");
        await Page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Level = 1 }).WaitForAsync();
        await WaitUntilInteractiveAsync();

        // The developer's own product, customer and license, made in the console.
        await OpenAsync("products");
        await Page.GetByRole(AriaRole.Button, new() { Name = "New product" }).ClickAsync();
        var dialog = Page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Reference").FillAsync("DEVS");
        await dialog.GetByLabel("Name").FillAsync("Developer's product");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();

        await OpenAsync("customers");
        await Expect(Page.GetByText("No customers match.")).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "New customer" }).ClickAsync();
        dialog = Page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Name").FillAsync("Dev Customer");
        await dialog.GetByLabel("Email").FillAsync("buyer@dev.test");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Dev Customer" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "ADMINS-CUSTOMER" })).ToHaveCountAsync(0);

        await OpenAsync("licenses");
        await Expect(Page.GetByText("No licenses match.")).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "New license" }).ClickAsync();
        dialog = Page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("License code").FillAsync("DEVS-LICENSE-1");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(LicensePage);
        await Expect(Page.GetByTestId("license-code")).ToHaveTextAsync("DEVS-LICENSE-1");

        await OpenAsync("licenses");
        var rows = Page.Locator(".mud-table-body tr");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("DEVS-LICENSE-1");
        await Page.GetByLabel("Search").FillAsync("ADMINS");
        await Expect(Page.GetByText("No licenses match.")).ToBeVisibleAsync();

        // The admin's license, typed into the address bar, is not found (nothing about it is shown).
        await OpenAsync($"licenses/{adminsLicense["id"]}");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "License not found", Level = 1 })).ToBeVisibleAsync();
        await Expect(Page.GetByText("ADMINS-LICENSE")).ToHaveCountAsync(0);

        var mine = await SendAsync(Internal, HttpMethod.Get, "/api/internal/product-licenses?search=DEVS-LICENSE-1", null, HttpStatusCode.OK);
        Assert.That(mine["data"]!.AsArray().Single()!["product_reference_id"]!.GetValue<string>(), Is.EqualTo("DEVS"));
        Assert.That(developer, Is.Not.EqualTo(Guid.Empty));
    }

    /// <summary>
    /// Closes the snackbars (as a person does) and then checks the page: a snackbar that is still fading in is
    /// measured half-transparent by axe, which reports its text's contrast as too low.
    /// </summary>
    private async Task AssertAccessibleWithoutSnackbarsAsync(string pageName)
    {
        var snackbars = Page.Locator(".mud-snackbar");
        foreach (var close in await snackbars.Locator("button").AllAsync())
        {
            await close.ClickAsync();
        }

        await Expect(snackbars).ToHaveCountAsync(0);
        await AssertAccessibleAsync(pageName);
    }

    /// <summary>Picks an option of a MudSelect by its label and the option's text.</summary>
    private async Task SelectAsync(string label, string option)
    {
        await Page.GetByLabel(label, new() { Exact = true }).ClickAsync();
        await Page.Locator(".mud-popover-open").GetByText(option, new() { Exact = true }).ClickAsync();
    }
}
