using System.Net;
using System.Text.Json.Nodes;
using KeyBox.Application.Webhooks.Commands.RunLicenseEventScan;
using KeyBox.WebApi.IntegrationTests.Testing;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace KeyBox.WebApi.IntegrationTests.Webhooks;

/// <summary>The scheduled scan: license.expiring / license.expired / license.update_support_expired, each once.</summary>
public sealed class LicenseEventScanTests : WebhookTest
{
    private static async Task<LicenseEventScanResult> ScanAsync(KeyBoxFactory server)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RunLicenseEventScanCommand());
    }

    private static void Advance(TimeSpan by, params KeyBoxFactory[] servers)
    {
        foreach (var server in servers)
        {
            server.Clock.Advance(by);
        }
    }

    private static string Iso(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    [Test]
    public async Task Each_scheduled_event_fires_once_however_often_and_wherever_the_scan_runs()
    {
        var receiver = await StartReceiverAsync();
        var a = await StartDispatcherAsync();
        var b = await StartDispatcherAsync();
        using var client = a.CreateClientWithKey(KeyBoxFactory.InternalKey);
        var webhookId = (await CreateWebhookAsync(receiver.Url, events: ["license.expiring", "license.expired", "license.update_support_expired"], client: client))["id"]!.GetValue<string>();
        await CreateProductAsync("P");
        var now = DateTimeOffset.UtcNow;
        var license = await CreateLicenseAsync("P", new
        {
            license_code = "SCAN-0001", email = "buyer@example.com",
            expires_at = Iso(now.AddDays(10)), updates_until = Iso(now.AddDays(2)),
        });
        await CreateLicenseAsync("P", new { license_code = "SCAN-FOREVER" });

        Assert.That(await ScanAsync(a), Is.EqualTo(new LicenseEventScanResult(0, 0, 0)), "nothing is due yet");

        // Four days on: update support ended two days ago, and the license expires within the next 7 days.
        Advance(TimeSpan.FromDays(4), a, b);
        var concurrent = await Task.WhenAll(ScanAsync(a), ScanAsync(b), ScanAsync(a), ScanAsync(b));
        var again = await ScanAsync(b);
        Assert.That(concurrent.Sum(r => r.Expiring), Is.EqualTo(1), "expiring once, among concurrent scans on two servers");
        Assert.That(concurrent.Sum(r => r.UpdateSupportExpired), Is.EqualTo(1));
        Assert.That(concurrent.Sum(r => r.Expired), Is.EqualTo(0));
        Assert.That(again, Is.EqualTo(new LicenseEventScanResult(0, 0, 0)), "a later run finds nothing new");

        var expiring = (await receiver.WaitForEventAsync("license.expiring")).Single();
        var expiringBody = JsonNode.Parse(expiring.RawBody)!;
        Assert.That(expiringBody["payload"]!["license_code"]!.GetValue<string>(), Is.EqualTo("SCAN-0001"));
        Assert.That(expiringBody["payload"]!["expires_at"]!.GetValue<string>(), Is.EqualTo(Iso(now.AddDays(10))));
        Assert.That(expiringBody["payload"]!["status"]!.GetValue<string>(), Is.EqualTo("active"));
        var supportEnded = JsonNode.Parse((await receiver.WaitForEventAsync("license.update_support_expired")).Single().RawBody)!;
        Assert.That(supportEnded["payload"]!["updates_until"]!.GetValue<string>(), Is.EqualTo(Iso(now.AddDays(2))));

        // Moving the clocks while a delivery is in flight would end its lease at once (as if its process had died).
        await WaitForDeliveriesAsync(webhookId, d => d.Count == 2 && d.All(x => x!["status"]!.GetValue<string>() == "delivered"));

        // Eleven days on: expired.
        Advance(TimeSpan.FromDays(7), a, b);
        var afterExpiry = await Task.WhenAll(ScanAsync(a), ScanAsync(b));
        Assert.That(afterExpiry.Sum(r => r.Expired), Is.EqualTo(1));
        Assert.That(afterExpiry.Sum(r => r.Expiring + r.UpdateSupportExpired), Is.EqualTo(0));
        var expired = JsonNode.Parse((await receiver.WaitForEventAsync("license.expired")).Single().RawBody)!;
        Assert.That(expired["event_type"]!.GetValue<string>(), Is.EqualTo("license.expired"));
        Assert.That(expired["payload"]!["status"]!.GetValue<string>(), Is.EqualTo("expired"));

        await WaitForDeliveriesAsync(webhookId, d => d.Count == 3 && d.All(x => x!["status"]!.GetValue<string>() == "delivered"));

        // Renewed, it expires again later: a new date is a new condition, which fires again.
        var renewedUntil = a.Clock.GetUtcNow().AddDays(20);
        await SendAsync(Internal, HttpMethod.Put, $"/api/internal/product-licenses/{license["id"]}", new { expires_at = Iso(renewedUntil) }, HttpStatusCode.OK);
        Assert.That(await ScanAsync(a), Is.EqualTo(new LicenseEventScanResult(0, 0, 0)));
        Advance(TimeSpan.FromDays(15), a, b);
        Assert.That((await Task.WhenAll(ScanAsync(a), ScanAsync(b))).Sum(r => r.Expiring), Is.EqualTo(1));
        var second = (await receiver.WaitForEventAsync("license.expiring", count: 2))[1];
        Assert.That(JsonNode.Parse(second.RawBody)!["payload"]!["expires_at"]!.GetValue<string>(), Is.EqualTo(Iso(renewedUntil)));

        await Task.Delay(300);
        Assert.That(receiver.Received.Select(r => r.EventType), Is.EquivalentTo(new[]
        {
            "license.expiring", "license.update_support_expired", "license.expired", "license.expiring",
        }), "each condition delivered exactly once");
    }

    [Test]
    public async Task Long_expired_licenses_are_not_reported_and_marks_are_kept_without_listeners()
    {
        var a = await StartDispatcherAsync();
        await CreateProductAsync("P");
        var now = DateTimeOffset.UtcNow;
        await CreateLicenseAsync("P", new { license_code = "OLD-0001", expires_at = Iso(now.AddDays(-400)) });
        await CreateLicenseAsync("P", new { license_code = "RECENT-0001", expires_at = Iso(now.AddDays(-3)) });

        Assert.That(await ScanAsync(a), Is.EqualTo(new LicenseEventScanResult(0, 1, 0)), "only expiries within the look-back window (30 days)");
        Assert.That(await ScanAsync(a), Is.EqualTo(new LicenseEventScanResult(0, 0, 0)), "emitted even with no endpoint listening, and only once");
    }
}
