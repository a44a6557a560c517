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

    [Test]
    public async Task Admin_creates_a_user_changes_their_role_deactivates_and_reactivates_them()
    {
        await LogInAsAdminAsync();
        await Navigation.GetByRole(AriaRole.Link, new() { Name = "Users" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Users", Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync();
        await Expect(Page.GetByRole(AriaRole.Row).Filter(new() { HasText = KeyBoxFactory.AdminEmail })).ToContainTextAsync("Administrator");
        await AssertAccessibleAsync("users");

        // The API's validator speaks beside each field.
        await Page.GetByRole(AriaRole.Button, new() { Name = "New user" }).ClickAsync();
        var dialog = Page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Email").FillAsync("not-an-email");
        await dialog.GetByLabel("Name").FillAsync("Dana Support");
        await dialog.GetByLabel("First password").FillAsync("short");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Expect(dialog.GetByText("The email must be a valid email address.")).ToBeVisibleAsync();
        await Expect(dialog.GetByText("The password must be at least 12 characters long.")).ToBeVisibleAsync();
        await AssertAccessibleAsync("user dialog");
        await SaveScreenshotAsync(Screenshot("user-validation"));

        await dialog.GetByLabel("Email").FillAsync("dana@keybox.test");
        await dialog.GetByLabel("First password").FillAsync("Dana-Password-2026");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        var row = Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "dana@keybox.test" });
        await Expect(row).ToContainTextAsync("Developer");
        await Expect(row).ToContainTextAsync("Active");

        // Role change, confirmed.
        await row.GetByRole(AriaRole.Button, new() { Name = "Make administrator: dana@keybox.test" }).ClickAsync();
        await Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Change role" }).ClickAsync();
        await Expect(row).ToContainTextAsync("Administrator");
        var users = await SendAsync(Internal, HttpMethod.Get, "/api/internal/users", null, HttpStatusCode.OK);
        var dana = users["data"]!.AsArray().Single(u => (string?)u!["email"] == "dana@keybox.test")!;
        Assert.That((string?)dana["role"], Is.EqualTo("ADMIN"));

        // Deactivation asks first; a deactivated account cannot log in; reactivation lets it in again.
        await row.GetByRole(AriaRole.Button, new() { Name = "Deactivate dana@keybox.test" }).ClickAsync();
        await Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(row).ToContainTextAsync("Active");
        await row.GetByRole(AriaRole.Button, new() { Name = "Deactivate dana@keybox.test" }).ClickAsync();
        await Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync();
        await Expect(row).ToContainTextAsync("Deactivated");
        Assert.That((await Anonymous.PostAsync("/auth/login", Json(new { email = "dana@keybox.test", password = "Dana-Password-2026" }))).StatusCode,
            Is.EqualTo(HttpStatusCode.Unauthorized));

        await row.GetByRole(AriaRole.Button, new() { Name = "Reactivate dana@keybox.test" }).ClickAsync();
        await Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Reactivate" }).ClickAsync();
        await Expect(row).ToContainTextAsync("Active");
        Assert.That((await Anonymous.PostAsync("/auth/login", Json(new { email = "dana@keybox.test", password = "Dana-Password-2026" }))).StatusCode,
            Is.EqualTo(HttpStatusCode.OK));

        // The core's refusal, as a sentence: demoting Dana is fine, but then the bootstrap admin is the last one.
        await row.GetByRole(AriaRole.Button, new() { Name = "Make developer: dana@keybox.test" }).ClickAsync();
        await Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Change role" }).ClickAsync();
        await Expect(row).ToContainTextAsync("Developer");
        var admin = Page.GetByRole(AriaRole.Row).Filter(new() { HasText = KeyBoxFactory.AdminEmail });
        await admin.GetByRole(AriaRole.Button, new() { Name = $"Deactivate {KeyBoxFactory.AdminEmail}" }).ClickAsync();
        await Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The last active ADMIN cannot be deactivated");
        await Expect(admin).ToContainTextAsync("Active");
        await SaveScreenshotAsync(Screenshot("users"));
    }

    [Test]
    public async Task A_developer_is_refused_the_users_page_even_by_url()
    {
        await CreateDeveloperAsync("dev@keybox.test", "Developer-Password-1");
        await LogInAsync("dev@keybox.test", "Developer-Password-1");
        await Page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Level = 1 }).WaitForAsync();
        await WaitUntilInteractiveAsync();
        await Expect(Navigation.GetByRole(AriaRole.Link, new() { Name = "Users" })).ToHaveCountAsync(0);
        await Expect(Navigation.GetByRole(AriaRole.Link, new() { Name = "API keys" })).ToBeVisibleAsync();

        await Page.GotoAsync(ConsoleUrl + "users");
        await Expect(Page).ToHaveURLAsync(new Regex("/admin/access-denied"));
        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("administrators only");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "New user" })).ToHaveCountAsync(0);

        // Their API keys page lists their own keys only: not the administrator's bootstrap keys.
        await OpenAsync("api-keys");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "API keys", Level = 1 })).ToBeVisibleAsync();
        await Expect(Page.GetByText("No API keys yet.")).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "bootstrap" })).ToHaveCountAsync(0);
    }

    [Test]
    public async Task A_user_changes_their_password_and_their_other_sessions_end()
    {
        await CreateDeveloperAsync("dev@keybox.test", "Developer-Password-1");
        var login = await SendAsync(Anonymous, HttpMethod.Post, "/auth/login", new { email = "dev@keybox.test", password = "Developer-Password-1" }, HttpStatusCode.OK);
        using var bearer = new HttpClient { BaseAddress = new Uri(ConsoleUrl[..^"admin/".Length]) }; // the console's own process
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)login["data"]!["token"]!);
        Assert.That((await bearer.GetAsync("/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        await LogInAsync("dev@keybox.test", "Developer-Password-1");
        await Page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Level = 1 }).WaitForAsync();
        await WaitUntilInteractiveAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Change password" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Change password", Level = 1 })).ToBeVisibleAsync();
        await AssertAccessibleAsync("change password");

        // Wrong current password, a weak new one, a mismatch: each message beside its field, nothing changed.
        await Page.GetByLabel("Current password").FillAsync("not-my-password");
        await Page.GetByLabel("New password", new() { Exact = true }).FillAsync("short");
        await Page.GetByLabel("Confirm the new password").FillAsync("other");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).Last.ClickAsync();
        await Expect(Page.Locator("#new-password-error")).ToHaveTextAsync("The password must be at least 12 characters long.");
        await Expect(Page.Locator("#confirm-password-error")).ToHaveTextAsync("The password confirmation does not match the new password.");
        await AssertAccessibleAsync("change password errors");
        await SaveScreenshotAsync(Screenshot("change-password-validation"));

        await Page.GetByLabel("Current password").FillAsync("not-my-password");
        await Page.GetByLabel("New password", new() { Exact = true }).FillAsync("Developer-Password-2");
        await Page.GetByLabel("Confirm the new password").FillAsync("Developer-Password-2");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).Last.ClickAsync();
        await Expect(Page.Locator("#current-password-error")).ToHaveTextAsync("The current password is not correct.");

        await Page.GetByLabel("Current password").FillAsync("Developer-Password-1");
        await Page.GetByLabel("New password", new() { Exact = true }).FillAsync("Developer-Password-2");
        await Page.GetByLabel("Confirm the new password").FillAsync("Developer-Password-2");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).Last.ClickAsync();
        await Expect(Page.GetByTestId("password-changed")).ToBeVisibleAsync();

        // This session goes on; the bearer token issued before is refused; the old password no longer works, the new one does.
        await OpenAsync("api-keys");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "API keys", Level = 1 })).ToBeVisibleAsync();
        Assert.That((await bearer.GetAsync("/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await Anonymous.PostAsync("/auth/login", Json(new { email = "dev@keybox.test", password = "Developer-Password-1" }))).StatusCode,
            Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await Anonymous.PostAsync("/auth/login", Json(new { email = "dev@keybox.test", password = "Developer-Password-2" }))).StatusCode,
            Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Admin_edits_a_product_adds_and_edits_a_version_and_uploads_its_file_with_progress()
    {
        await CreateProductAsync("DESK");
        await LogInAsAdminAsync();
        await Navigation.GetByRole(AriaRole.Link, new() { Name = "Products" }).ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "DESK", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Product DESK", Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync();
        await AssertAccessibleAsync("product");

        // Edit, with the validator's message beside the field first.
        var name = Page.GetByLabel("Name", new() { Exact = true });
        await name.FillAsync(string.Empty);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(Page.GetByText("'Name' must not be empty.")).ToBeVisibleAsync();
        await name.FillAsync("Desk Pro");
        await Page.GetByLabel("Description").FillAsync("The desktop app");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Desk Pro", Level = 1 })).ToBeVisibleAsync();
        var product = await SendAsync(Internal, HttpMethod.Get, "/api/internal/products/DESK", null, HttpStatusCode.OK);
        Assert.That((string?)product["data"]!["name"], Is.EqualTo("Desk Pro"));
        Assert.That((string?)product["data"]!["description"], Is.EqualTo("The desktop app"));

        // Deactivate (confirmed) and activate again.
        await Page.GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync();
        await Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync();
        await Expect(Page.GetByTestId("product-status")).ToHaveTextAsync("Inactive");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Activate" }).ClickAsync();
        await Expect(Page.GetByTestId("product-status")).ToHaveTextAsync("Active");

        // A version: the validator's messages, then created with its changelog and release date.
        await Page.GetByRole(AriaRole.Button, new() { Name = "New version" }).ClickAsync();
        var dialog = Page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Version id").FillAsync("1.0.0");
        await dialog.GetByLabel("Version", new() { Exact = true }).FillAsync("one");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Expect(dialog.GetByText("The version must be a semantic version such as 1.2.0.")).ToBeVisibleAsync();
        await dialog.GetByLabel("Version", new() { Exact = true }).FillAsync("1.0.0");
        await dialog.GetByLabel("Changelog").FillAsync("First release");
        await dialog.GetByLabel("Release date").FillAsync("2026-01-15");
        await dialog.GetByLabel("Release date").PressAsync("Tab");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        var version = Page.GetByRole(AriaRole.Region, new() { Name = "Version 1.0.0" });
        await Expect(version).ToContainTextAsync("released 2026-01-15");
        await Expect(version.GetByTestId("changelog")).ToHaveTextAsync("First release");

        await version.GetByRole(AriaRole.Button, new() { Name = "Edit 1.0.0" }).ClickAsync();
        await dialog.GetByLabel("Changelog").FillAsync("First release\nWith fixes");
        await dialog.GetByLabel("Active (served to clients)").SetCheckedAsync(false);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(version).ToContainTextAsync("Inactive");
        await Expect(version.GetByTestId("changelog")).ToContainTextAsync("With fixes");

        // The main file, streamed from the browser with a progress bar; then its size and SHA-256.
        await Expect(version.GetByTestId("file-main")).ToContainTextAsync("Largest file: 512 MiB");
        var bytes = new byte[16 * 1024 * 1024 + 123];
        Random.Shared.NextBytes(bytes);
        var path = Path.Combine(Path.GetTempPath(), $"desk-{Guid.NewGuid():N}.zip");
        await File.WriteAllBytesAsync(path, bytes);
        var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        var main = version.GetByTestId("file-main");
        try
        {
            // The browser reads the file from disk as it sends it: it stays until the upload is done.
            await version.GetByLabel("Upload the main file of 1.0.0").SetInputFilesAsync(path);
            await Expect(version.GetByRole(AriaRole.Progressbar, new() { Name = "Uploading Main file" })).ToBeVisibleAsync();
            await SaveScreenshotAsync(Screenshot("version-upload-progress"));
            await Expect(main.GetByTestId("file-sha256")).ToHaveTextAsync(sha256, new() { IgnoreCase = true, Timeout = 60_000 });
        }
        finally
        {
            File.Delete(path);
        }

        await Expect(main.GetByTestId("file-size")).ToContainTextAsync("16,777,339 bytes");
        await Expect(version.GetByTestId("file-sql")).ToContainTextAsync("No file yet.");
        await AssertAccessibleAfterSnackbarsAsync("product with versions");
        await SaveScreenshotAsync(Screenshot("product-versions"));

        var stored = await SendAsync(Internal, HttpMethod.Get, "/api/internal/products/DESK/versions/1.0.0", null, HttpStatusCode.OK);
        Assert.That((long?)stored["data"]!["main_file"]!["size"], Is.EqualTo(bytes.Length));
        Assert.That(((string?)stored["data"]!["main_file"]!["sha256"])?.ToLowerInvariant(), Is.EqualTo(sha256));
        Assert.That((string?)stored["data"]!["changelog"], Is.EqualTo("First release\nWith fixes"));
        JsonAssert.IsBoolean(stored["data"]!["is_active"], false, "is_active");
    }
}
