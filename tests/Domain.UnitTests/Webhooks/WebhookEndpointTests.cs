using KeyBox.Domain.Common;
using KeyBox.Domain.Licenses;
using KeyBox.Domain.Webhooks;

namespace KeyBox.Domain.UnitTests.Webhooks;

public sealed class WebhookEndpointTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Owner = Guid.NewGuid();

    private static string FieldOf(TestDelegate action) => Assert.Throws<DomainException>(action)!.Field!;

    [Test]
    public void Create_generates_a_random_secret_when_none_is_given()
    {
        var first = WebhookEndpoint.Create(Owner, "https://hooks.example.com/a", null, null, true, Now);
        var second = WebhookEndpoint.Create(Owner, "https://hooks.example.com/a", null, null, true, Now);
        Assert.That(first.Secret, Does.Match("^whsec_[0-9a-f]{64}$"));
        Assert.That(second.Secret, Is.Not.EqualTo(first.Secret));
        Assert.That(first.Events, Is.Empty);
        Assert.That(first.OwnerId, Is.EqualTo(Owner));
        Assert.That(first.CreatedAt, Is.EqualTo(Now));
    }

    [Test]
    public void An_empty_event_list_subscribes_to_everything_and_a_list_to_its_events_only()
    {
        var all = WebhookEndpoint.Create(Owner, "https://h.example.com", null, [], true, Now);
        var some = WebhookEndpoint.Create(Owner, "https://h.example.com", null, [" license.blocked ", "license.blocked", "license.expired"], true, Now);
        Assert.That(WebhookEventTypes.All.All(all.Subscribes), Is.True);
        Assert.That(some.Events, Is.EqualTo(new[] { "license.blocked", "license.expired" }), "trimmed, without duplicates");
        Assert.That(some.Subscribes("license.blocked"), Is.True);
        Assert.That(some.Subscribes("license.created"), Is.False);
    }

    [TestCase("")]
    [TestCase("hooks.example.com/a")]
    [TestCase("ftp://hooks.example.com/a")]
    [TestCase("https://user:pass@hooks.example.com/a")]
    [TestCase("/relative/path")]
    public void A_url_must_be_an_absolute_http_url_without_credentials(string url)
    {
        Assert.That(FieldOf(() => WebhookEndpoint.Create(Owner, url, null, null, true, Now)), Is.EqualTo("Url"));
    }

    [Test]
    public void Unknown_events_and_short_secrets_are_refused()
    {
        Assert.That(FieldOf(() => WebhookEndpoint.Create(Owner, "https://h.example.com", null, ["license.created", "license.melted"], true, Now)), Is.EqualTo("Events"));
        Assert.That(FieldOf(() => WebhookEndpoint.Create(Owner, "https://h.example.com", "too-short", null, true, Now)), Is.EqualTo("Secret"));
    }

    [Test]
    public void Update_keeps_what_is_not_given()
    {
        var endpoint = WebhookEndpoint.Create(Owner, "https://h.example.com/a", "0123456789abcdef", ["license.created"], true, Now);
        endpoint.Update(null, null, null, false, Now.AddHours(1));
        Assert.That(endpoint.Url, Is.EqualTo("https://h.example.com/a"));
        Assert.That(endpoint.Secret, Is.EqualTo("0123456789abcdef"));
        Assert.That(endpoint.Events, Is.EqualTo(new[] { "license.created" }));
        Assert.That(endpoint.IsActive, Is.False);
        Assert.That(endpoint.UpdatedAt, Is.EqualTo(Now.AddHours(1)));

        endpoint.Update("https://other.example.com", "fedcba9876543210", [], null, Now);
        Assert.That(endpoint.Url, Is.EqualTo("https://other.example.com"));
        Assert.That(endpoint.Secret, Is.EqualTo("fedcba9876543210"));
        Assert.That(endpoint.Events, Is.Empty);
    }

    [Test]
    public void Every_license_domain_event_is_a_known_webhook_event()
    {
        var id = Guid.NewGuid();
        LicenseEvent[] events =
        [
            new LicenseCreated(id, Now), new LicenseActivated(id, id, Now), new LicenseDeactivated(id, id, Now),
            new LicenseBlocked(id, Now), new LicenseUnblocked(id, Now),
        ];
        Assert.That(events.Select(e => e.EventType), Is.All.Matches<string>(WebhookEventTypes.IsKnown));
        Assert.That(WebhookEventTypes.All, Has.Count.EqualTo(8));
    }
}
