using System.Text.RegularExpressions;
using KeyBox.WebApi.IntegrationTests.Webhooks;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KeyBox.WebApi.IntegrationTests.Console;

/// <summary>
/// The webhook pages in a real browser, against a console server that also dispatches (private targets allowed: the
/// receiver is a real HTTP server on 127.0.0.1), so the delivery log fills with real attempts.
/// </summary>
public sealed class ConsoleWebhookPagesTests : ConsoleBrowserTest
{
    private readonly List<WebhookReceiver> _receivers = [];

    protected override IReadOnlyDictionary<string, string?> ServerSettings { get; } = new Dictionary<string, string?>
    {
        ["Webhooks:DispatcherEnabled"] = "true",
        ["Webhooks:AllowPrivateTargets"] = "true",
        ["Webhooks:PollIntervalMilliseconds"] = "100",
        ["Webhooks:RetryBaseDelaySeconds"] = "0.1",
        ["Webhooks:MaxAttempts"] = "2",
        ["Webhooks:TimeoutSeconds"] = "5",
    };

    [TearDown]
    public async Task StopReceiversAsync()
    {
        foreach (var receiver in _receivers)
        {
            await receiver.DisposeAsync();
        }

        _receivers.Clear();
    }

    [Test]
    public async Task Admin_creates_a_webhook_sees_its_failed_attempts_redelivers_edits_and_deletes_it()
    {
        var healthy = false;
        var receiver = await WebhookReceiver.StartAsync((_, _) => Task.FromResult(Volatile.Read(ref healthy) ? 200 : 503));
        _receivers.Add(receiver);

        await LogInAsAdminAsync();
        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Console" }).GetByRole(AriaRole.Link, new() { Name = "Webhooks" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Webhooks", Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync();

        // The endpoint's URL is checked by the API's validator; the secret is shown once.
        await Page.GetByRole(AriaRole.Button, new() { Name = "New webhook" }).ClickAsync();
        var dialog = Page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("URL").FillAsync("ftp://example.com/hook");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Expect(dialog.GetByText("The url must be an absolute http or https URL.")).ToBeVisibleAsync();
        await SaveScreenshotAsync(Path.Combine(RepositoryRoot, "TestResults", "console", "webhook-validation.png"));

        await dialog.GetByLabel("URL").FillAsync(receiver.Url);
        await dialog.GetByLabel("license.created").CheckAsync();
        await AssertAccessibleAsync("webhook dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Expect(dialog.GetByTestId("secret-warning")).ToContainTextAsync("shown only this once");
        Assert.That((await dialog.GetByTestId("webhook-secret").TextContentAsync())!.Trim(), Does.Match("^whsec_[0-9a-f]{64}$"));
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        var row = Page.GetByRole(AriaRole.Row).Filter(new() { HasText = receiver.Url });
        await Expect(row).ToContainTextAsync("license.created");
        await Expect(row).ToContainTextAsync("Active");

        // An event: two attempts answered 503, so the delivery fails; its log shows each attempt's code and time.
        await CreateProductAsync("HOOKED");
        await CreateLicenseAsync("HOOKED");
        await receiver.WaitForAsync(2);
        await row.GetByRole(AriaRole.Link, new() { Name = $"Deliveries of {receiver.Url}" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Deliveries", Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync();
        var delivery = Page.GetByTestId("delivery").First;
        await RefreshUntilAsync(delivery.GetByTestId("delivery-status"), "failed");
        await Expect(delivery).ToContainTextAsync("license.created");
        await Expect(delivery.GetByTestId("attempt")).ToHaveCountAsync(2);
        await Expect(delivery.GetByTestId("attempt").First).ToContainTextAsync("503");
        await Expect(delivery.GetByTestId("attempt").First).ToContainTextAsync(new Regex(@"\d+ ms"));
        await AssertAccessibleAsync("webhook deliveries");
        await SaveScreenshotAsync(Path.Combine(RepositoryRoot, "TestResults", "console", "webhook-deliveries-failed.png"));

        // Redeliver once the receiver is healthy: a third attempt, 200, delivered.
        Volatile.Write(ref healthy, true);
        await delivery.GetByRole(AriaRole.Button, new() { Name = "Redeliver" }).ClickAsync();
        await receiver.WaitForAsync(3);
        await RefreshUntilAsync(delivery.GetByTestId("delivery-status"), "delivered");
        await Expect(delivery.GetByTestId("attempt")).ToHaveCountAsync(3);
        await Expect(delivery.GetByTestId("attempt").Nth(2)).ToContainTextAsync("200");
        await Expect(delivery.GetByTestId("attempt").Nth(2)).ToContainTextAsync("succeeded");
        await SaveScreenshotAsync(Path.Combine(RepositoryRoot, "TestResults", "console", "webhook-deliveries.png"));

        // Edit: inactive, every event.
        await Page.GetByRole(AriaRole.Link, new() { Name = "All webhooks" }).ClickAsync();
        await Expect(row).ToBeVisibleAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = $"Edit {receiver.Url}" }).ClickAsync();
        await dialog.GetByLabel("license.created").UncheckAsync();
        await dialog.GetByLabel("Active").UncheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(row).ToContainTextAsync("every event");
        await Expect(row).ToContainTextAsync("Inactive");

        // Delete asks first.
        await row.GetByRole(AriaRole.Button, new() { Name = $"Delete {receiver.Url}" }).ClickAsync();
        await Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(row).ToBeVisibleAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = $"Delete {receiver.Url}" }).ClickAsync();
        await Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(row).ToHaveCountAsync(0);
        await Expect(Page.GetByText("No webhooks yet.")).ToBeVisibleAsync();
    }

    /// <summary>The delivery log is read when asked: press Refresh until <paramref name="status"/> shows the expected value.</summary>
    private async Task RefreshUntilAsync(ILocator status, string expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!string.Equals((await status.CountAsync()) > 0 ? (await status.TextContentAsync())?.Trim() : null, expected, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"The delivery did not become {expected}.");
            }

            await Page.GetByRole(AriaRole.Button, new() { Name = "Refresh" }).ClickAsync();
            await Page.WaitForTimeoutAsync(300);
        }
    }
}
