using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using KeyBox.Application.Common.Interfaces;
using KeyBox.Infrastructure.ReadModel;
using KeyBox.WebApi.IntegrationTests.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace KeyBox.WebApi.IntegrationTests.Licenses;

/// <summary>
/// Two server processes on one database (the shared test server "A" and a second one "B"): a change made through
/// A, or directly in SQL, is refused by B within one second although B had the activation in its read cache.
/// </summary>
public sealed class CacheCoherenceTests : IntegrationTest
{
    private const string Shop = "https://shop.example.com/";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(1);
    private KeyBoxFactory _other = null!;

    [OneTimeSetUp]
    public void StartSecondServer()
    {
        _other = new KeyBoxFactory();
        _ = _other.Server;
    }

    [OneTimeTearDown]
    public async Task StopSecondServerAsync() => await _other.DisposeAsync();

    [SetUp]
    public async Task ForgetSecondServerStateAsync()
    {
        await _other.ReinitialiseAsync();
        await WaitUntilAsync(() => Cache(_other).IsServing, TimeSpan.FromSeconds(10), "B's cache listener is connected");
    }

    [Test]
    public async Task A_license_blocked_through_one_server_is_refused_by_the_other_within_a_second()
    {
        var (license, token) = await ActivatedLicenseAsync();
        using var b = ClientAt(Shop, server: _other);
        await ExpectVerifiedAndCachedAsync(b, token);

        await SendAsync(Internal, HttpMethod.Post, $"/api/internal/blocked-product-licenses/{license["id"]}", null, HttpStatusCode.OK);

        await ExpectRefusedWithinBoundAsync(b, token, HttpStatusCode.Forbidden, "LICENSE_BLOCKED");
    }

    [Test]
    public async Task An_activation_deactivated_through_one_server_is_refused_by_the_other_within_a_second()
    {
        var (_, token) = await ActivatedLicenseAsync();
        using var b = ClientAt(Shop, server: _other);
        await ExpectVerifiedAndCachedAsync(b, token);

        using var a = ClientAt(Shop);
        await SendAsync(a, HttpMethod.Post, "/api/external/license/deactivate", new { product_id = "P", license_data = token }, HttpStatusCode.OK);

        await ExpectRefusedWithinBoundAsync(b, token, HttpStatusCode.NotFound, "ACTIVATION_NOT_FOUND");
    }

    [Test]
    public async Task A_product_deactivated_through_one_server_is_refused_by_the_other_within_a_second()
    {
        var (_, token) = await ActivatedLicenseAsync();
        using var b = ClientAt(Shop, server: _other);
        await ExpectVerifiedAndCachedAsync(b, token);

        await SendAsync(Internal, HttpMethod.Delete, "/api/internal/activated-products/P", null, HttpStatusCode.OK);

        await ExpectRefusedWithinBoundAsync(b, token, HttpStatusCode.Forbidden, "PRODUCT_INACTIVE");
    }

    [Test]
    public async Task A_license_edited_through_one_server_is_seen_by_the_other_within_a_second()
    {
        var (license, token) = await ActivatedLicenseAsync();
        using var b = ClientAt(Shop, server: _other);
        await ExpectVerifiedAndCachedAsync(b, token);

        await SendAsync(Internal, HttpMethod.Put, $"/api/internal/product-licenses/{license["id"]}", new { domains = new[] { "other.example.org" } }, HttpStatusCode.OK);

        await ExpectRefusedWithinBoundAsync(b, token, HttpStatusCode.Forbidden, "DOMAIN_NOT_ALLOWED");
    }

    [Test]
    public async Task A_change_made_directly_in_the_database_is_seen_within_a_second()
    {
        var (license, token) = await ActivatedLicenseAsync();
        using var b = ClientAt(Shop, server: _other);
        await ExpectVerifiedAndCachedAsync(b, token);

        await ExecuteSqlAsync($"UPDATE licenses SET expires_at = now() - interval '1 day' WHERE id = '{license["id"]}'");

        await ExpectRefusedWithinBoundAsync(b, token, HttpStatusCode.Forbidden, "LICENSE_EXPIRED");
    }

    [Test]
    public async Task Expiry_needs_no_notification_because_it_is_evaluated_at_read_time()
    {
        await CreateProductAsync("P");
        await CreateLicenseAsync("P", new { license_code = "EXPIRING-01", expires_at = DateTimeOffset.UtcNow.AddDays(10).ToString("O") });
        using var a = ClientAt(Shop);
        var token = (await SendAsync(a, HttpMethod.Post, "/api/external/license/activate", new { product_id = "P", license_code = "EXPIRING-01" }, HttpStatusCode.OK))["lic_response"]!.GetValue<string>();
        using var b = ClientAt(Shop, server: _other);
        await ExpectVerifiedAndCachedAsync(b, token);

        _other.Clock.Advance(TimeSpan.FromDays(11));

        var refused = await SendAsync(b, HttpMethod.Post, "/api/external/license/verify", new { product_id = "P", license_data = token }, HttpStatusCode.Forbidden);
        Assert.That(refused["code"]!.GetValue<string>(), Is.EqualTo("LICENSE_EXPIRED"));
    }

    [Test]
    public async Task A_revoked_api_key_is_refused_by_the_other_server_within_a_second()
    {
        await CreateProductAsync("P");
        var created = await SendAsync(Internal, HttpMethod.Post, "/api/internal/api-keys", new { name = "shop", type = "external" }, HttpStatusCode.Created);
        var key = created["data"]!["key"]!.GetValue<string>();
        using var b = ClientAt(Shop, apiKey: key, server: _other);
        await SendAsync(b, HttpMethod.Get, "/api/external/connection-check", null, HttpStatusCode.OK);
        await SendAsync(b, HttpMethod.Get, "/api/external/connection-check", null, HttpStatusCode.OK);

        await SendAsync(Internal, HttpMethod.Delete, $"/api/internal/api-keys/{created["data"]!["id"]}", null, HttpStatusCode.OK);

        var watch = Stopwatch.StartNew();
        HttpStatusCode status;
        do
        {
            using var response = await b.GetAsync("/api/external/connection-check");
            status = response.StatusCode;
        }
        while (status == HttpStatusCode.OK && watch.Elapsed < Bound);

        Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized), $"the revoked key still worked on B after {watch.ElapsedMilliseconds} ms");
    }

    [Test]
    public async Task When_the_listener_connection_is_lost_the_cache_is_bypassed_until_it_is_back()
    {
        var (license, token) = await ActivatedLicenseAsync();
        using var b = ClientAt(Shop, server: _other);
        await ExpectVerifiedAndCachedAsync(b, token);

        // Kill every listener, then write while they are gone: the notification of this write is lost for good.
        var killed = await ExecuteSqlAsync(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'keybox-cache-listener' AND datname = current_database()");
        Assert.That(killed, Is.GreaterThanOrEqualTo(2), "both servers' listeners were connected");
        await ExecuteSqlAsync($"UPDATE licenses SET is_blocked = true WHERE id = '{license["id"]}'");

        await ExpectRefusedWithinBoundAsync(b, token, HttpStatusCode.Forbidden, "LICENSE_BLOCKED");

        // The listener comes back by itself, and the cache serves again.
        await WaitUntilAsync(() => Cache(_other).IsServing, TimeSpan.FromSeconds(10), "B's listener reconnected");
        await ExecuteSqlAsync($"UPDATE licenses SET is_blocked = false WHERE id = '{license["id"]}'");
        await ExpectVerifiedAndCachedAsync(b, token);
    }

    [Test]
    public async Task A_license_activated_through_one_server_is_validated_by_the_other_within_a_second()
    {
        await CreateProductAsync("P");
        await CreateLicenseAsync("P", new { license_code = "VALIDATE-01" });
        var b = _other.CreateClient();
        await ExpectValidateCachedAsync(b, "VALIDATE-01", "machine-1", "instance-1", "machine_mismatch");

        await ValidateAsync(Anonymous, "/validate/activate", "VALIDATE-01", "machine-1", "instance-1");

        await ExpectValidateWithinBoundAsync(b, "VALIDATE-01", "machine-1", "instance-1", "active");
    }

    [Test]
    public async Task An_activation_moved_to_another_instance_through_one_server_is_seen_by_the_others_validate_within_a_second()
    {
        await CreateProductAsync("P");
        var license = await CreateLicenseAsync("P", new { license_code = "VALIDATE-02" });
        await ValidateAsync(Anonymous, "/validate/activate", "VALIDATE-02", "machine-1", "instance-1");
        var b = _other.CreateClient();
        await ExpectValidateCachedAsync(b, "VALIDATE-02", "machine-1", "instance-1", "active");

        // The seat moves to another instance once the first is released (an instance never takes it over).
        var activations = await SendAsync(Internal, HttpMethod.Get, $"/api/internal/product-licenses/{license["id"]}/activations", null, HttpStatusCode.OK);
        var activationId = activations["data"]!.AsArray().Single()!["id"]!.GetValue<string>();
        await SendAsync(Internal, HttpMethod.Delete, $"/api/internal/activated-product-activations/{activationId}", null, HttpStatusCode.OK);
        await ValidateAsync(Anonymous, "/validate/activate", "VALIDATE-02", "machine-1", "instance-2");

        await ExpectValidateWithinBoundAsync(b, "VALIDATE-02", "machine-1", "instance-1", "instance_mismatch");
    }

    [Test]
    public async Task A_version_released_through_one_server_is_offered_by_the_others_update_check_within_a_second()
    {
        await CreateProductAsync("P");
        await CreateVersionAsync("P", "v1.0.0", "1.0.0");
        using var b = ClientAt(Shop, server: _other);
        var cache = Cache(_other);
        for (var i = 0; i < 20 && !cache.TryGetCatalog("P", out _); i++)
        {
            var current = await SendAsync(b, HttpMethod.Post, "/api/external/update/check", new { product_id = "P", current_version = "1.0.0" }, HttpStatusCode.OK);
            JsonAssert.IsBoolean(current["update_available"], false, "no update yet");
        }

        Assert.That(cache.TryGetCatalog("P", out _), Is.True, "B serves the catalog from its cache");

        await CreateVersionAsync("P", "v1.1.0", "1.1.0");

        var watch = Stopwatch.StartNew();
        JsonObject json;
        do
        {
            json = await SendAsync(b, HttpMethod.Post, "/api/external/update/check", new { product_id = "P", current_version = "1.0.0" }, HttpStatusCode.OK);
        }
        while (json["update_available"]!.GetValue<bool>() == false && watch.Elapsed < Bound);

        Assert.That(json["version"]!.GetValue<string>(), Is.EqualTo("1.1.0"), $"B still offered no update {watch.ElapsedMilliseconds} ms after the release");
    }

    [Test]
    public async Task A_webhook_endpoint_added_through_one_server_hears_about_events_on_the_other_within_a_second()
    {
        using var b = await ActivatedOnBWithSubscribersCachedAsync("HOOKED-01");

        var endpoint = await CreateWebhookAsync();

        await ExpectDeliveriesWithinBoundAsync(b, "HOOKED-01", endpoint, expected: true);
    }

    [Test]
    public async Task A_webhook_endpoint_switched_off_through_one_server_hears_nothing_more_from_the_other_within_a_second()
    {
        var endpoint = await CreateWebhookAsync();
        using var b = await ActivatedOnBWithSubscribersCachedAsync("HOOKED-02");
        Assert.That(await DeliveryCountAsync(endpoint), Is.GreaterThan(0), "B delivered to the endpoint while it was on");

        await SendAsync(Internal, HttpMethod.Put, $"/api/internal/webhooks/{endpoint}", new { is_active = false }, HttpStatusCode.OK);

        await ExpectDeliveriesWithinBoundAsync(b, "HOOKED-02", endpoint, expected: false);
    }

    [Test]
    public async Task While_the_listener_is_down_webhook_subscribers_are_read_from_the_database()
    {
        using var b = await ActivatedOnBWithSubscribersCachedAsync("HOOKED-03");

        // Kill every listener, then add an endpoint directly in SQL: its notification may be lost for good.
        var killed = await ExecuteSqlAsync(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'keybox-cache-listener' AND datname = current_database()");
        Assert.That(killed, Is.GreaterThanOrEqualTo(2), "both servers' listeners were connected");
        var endpoint = (Guid)(await ExecuteSqlAsync(
            "INSERT INTO webhook_endpoints (id, owner_id, url, secret, events, is_active, created_at, updated_at) " +
            "SELECT gen_random_uuid(), id, 'https://hooks.example.com/sql', 'whsec_0123456789abcdef', '{}', true, now(), now() " +
            "FROM users WHERE id = (SELECT owner_id FROM products WHERE reference_id = 'P') RETURNING id"))!;

        await ExpectDeliveriesWithinBoundAsync(b, "HOOKED-03", endpoint.ToString(), expected: true);

        // The listener comes back by itself, and the subscribers are served from memory again.
        await WaitUntilAsync(() => Subscribers(_other).IsServing, TimeSpan.FromSeconds(10), "B's listener reconnected");
        await ActivateAsync(b, "HOOKED-03");
        await ActivateAsync(b, "HOOKED-03");
        Assert.That(Subscribers(_other).TryGet(await OwnerIdAsync(), "license.activated", out var cached), Is.True, "B caches the subscribers again");
        Assert.That(cached, Is.EqualTo(new[] { endpoint }));
    }

    /// <summary>
    /// A license activated (and activated again) through B, so that B has asked for the subscribers of
    /// <c>license.activated</c> and holds the answer in memory: the tests are then about invalidation.
    /// </summary>
    private async Task<HttpClient> ActivatedOnBWithSubscribersCachedAsync(string code)
    {
        await CreateProductAsync("P");
        await CreateLicenseAsync("P", new { license_code = code });
        var b = ClientAt(Shop, server: _other);
        var subscribers = Subscribers(_other);
        var owner = await OwnerIdAsync();
        for (var i = 0; i < 20 && !subscribers.TryGet(owner, "license.activated", out _); i++)
        {
            await ActivateAsync(b, code);
        }

        Assert.That(subscribers.TryGet(owner, "license.activated", out _), Is.True, "B serves the subscribers from its cache");
        return b;
    }

    private async Task<string> CreateWebhookAsync()
    {
        var created = await SendAsync(Internal, HttpMethod.Post, "/api/internal/webhooks", new { url = "https://hooks.example.com/keybox" }, HttpStatusCode.Created);
        return created["data"]!["id"]!.GetValue<string>();
    }

    /// <summary>Activates on B (again: the same place, which raises license.activated each time) until the endpoint's deliveries grow, or not.</summary>
    private static async Task ExpectDeliveriesWithinBoundAsync(HttpClient b, string code, string endpoint, bool expected)
    {
        var watch = Stopwatch.StartNew();
        bool delivered;
        do
        {
            var before = await DeliveryCountAsync(endpoint);
            await ActivateAsync(b, code);
            delivered = await DeliveryCountAsync(endpoint) > before;
        }
        while (delivered != expected && watch.Elapsed < Bound);

        Assert.That(delivered, Is.EqualTo(expected),
            $"{watch.ElapsedMilliseconds} ms after the change B still {(expected ? "wrote no delivery for" : "wrote deliveries for")} the endpoint");
    }

    private static async Task ActivateAsync(HttpClient client, string code) =>
        await SendAsync(client, HttpMethod.Post, "/api/external/license/activate", new { product_id = "P", license_code = code }, HttpStatusCode.OK);

    private static async Task<int> DeliveryCountAsync(string endpoint) =>
        (int)(await ExecuteSqlAsync($"SELECT count(*) FROM webhook_deliveries WHERE endpoint_id = '{endpoint}'"))!;

    /// <summary>The owner of product P (and its licenses): whose subscribers B looks up.</summary>
    private static async Task<Guid> OwnerIdAsync() =>
        (Guid)(await ExecuteSqlAsync("SELECT owner_id FROM products WHERE reference_id = 'P'"))!;

    private static WebhookSubscriberCache Subscribers(KeyBoxFactory server) => server.Services.GetRequiredService<WebhookSubscriberCache>();

    private static int _ip;

    /// <summary>/validate is rate limited per client IP: every call here comes from its own test address.</summary>
    private static async Task<JsonObject> ValidateAsync(HttpClient client, string path, string key, string machineId, string instanceId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(new { key, machineId, instanceId }) };
        var ip = Interlocked.Increment(ref _ip);
        request.Headers.Add(TestRemoteIpStartupFilter.Header, $"198.18.{ip / 250 % 250}.{ip % 250 + 1}");
        using var response = await client.SendAsync(request);
        var json = await ReadObjectAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), json.ToJsonString());
        return json;
    }

    private async Task ExpectValidateCachedAsync(HttpClient b, string key, string machineId, string instanceId, string status)
    {
        var cache = Cache(_other);
        for (var i = 0; i < 20 && !cache.TryGetLicense(key, out _); i++)
        {
            var json = await ValidateAsync(b, "/validate", key, machineId, instanceId);
            Assert.That(json["status"]!.GetValue<string>(), Is.EqualTo(status));
        }

        Assert.That(cache.TryGetLicense(key, out _), Is.True, "B serves the license from its cache");
        Assert.That((await ValidateAsync(b, "/validate", key, machineId, instanceId))["status"]!.GetValue<string>(), Is.EqualTo(status));
    }

    private static async Task ExpectValidateWithinBoundAsync(HttpClient b, string key, string machineId, string instanceId, string status)
    {
        var watch = Stopwatch.StartNew();
        string actual;
        do
        {
            actual = (await ValidateAsync(b, "/validate", key, machineId, instanceId))["status"]!.GetValue<string>();
        }
        while (actual != status && watch.Elapsed < Bound);

        Assert.That(actual, Is.EqualTo(status), $"B still answered '{actual}' {watch.ElapsedMilliseconds} ms after the change");
    }

    private static ReadCache Cache(KeyBoxFactory server) => server.Services.GetRequiredService<ReadCache>();

    private async Task<(JsonObject License, string Token)> ActivatedLicenseAsync()
    {
        await CreateProductAsync("P");
        var license = await CreateLicenseAsync("P", new { license_code = "COHERENT-01" });
        using var a = ClientAt(Shop);
        var activated = await SendAsync(a, HttpMethod.Post, "/api/external/license/activate", new { product_id = "P", license_code = "COHERENT-01" }, HttpStatusCode.OK);
        return (license, activated["lic_response"]!.GetValue<string>());
    }

    /// <summary>Verifies twice on B and checks that B now answers from its cache (so the test is about invalidation).</summary>
    private async Task ExpectVerifiedAndCachedAsync(HttpClient b, string token)
    {
        var cache = Cache(_other);
        var hit = false;
        for (var i = 0; i < 20 && !hit; i++)
        {
            await SendAsync(b, HttpMethod.Post, "/api/external/license/verify", new { product_id = "P", license_data = token }, HttpStatusCode.OK);
            hit = await ActivationIdAsync() is { } id && cache.TryGet(id, out _);
        }

        Assert.That(hit, Is.True, "B serves the activation from its cache");
    }

    private async Task<Guid?> ActivationIdAsync()
    {
        var value = await ExecuteSqlAsync("SELECT id FROM activations ORDER BY activated_at DESC LIMIT 1");
        return value as Guid?;
    }

    private static async Task ExpectRefusedWithinBoundAsync(HttpClient b, string token, HttpStatusCode status, string code)
    {
        var watch = Stopwatch.StartNew();
        JsonObject json;
        HttpStatusCode actual;
        do
        {
            using var response = await b.PostAsync("/api/external/license/verify", Json(new { product_id = "P", license_data = token }));
            actual = response.StatusCode;
            json = await ReadObjectAsync(response);
        }
        while (actual == HttpStatusCode.OK && watch.Elapsed < Bound);

        Assert.That(actual, Is.EqualTo(status), $"B still verified the license {watch.ElapsedMilliseconds} ms after the change: {json.ToJsonString()}");
        Assert.That(json["code"]!.GetValue<string>(), Is.EqualTo(code));
    }

    private static async Task<object?> ExecuteSqlAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var result = await command.ExecuteScalarAsync();
        return result is long count ? (int)count : result;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!condition() && watch.Elapsed < timeout)
        {
            await Task.Delay(20);
        }

        Assert.That(condition(), Is.True, what);
    }
}
