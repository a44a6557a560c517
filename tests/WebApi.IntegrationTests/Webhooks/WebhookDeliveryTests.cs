using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KeyBox.WebApi.IntegrationTests.Testing;

namespace KeyBox.WebApi.IntegrationTests.Webhooks;

/// <summary>Deliveries over real HTTP to a receiver in the test process.</summary>
public sealed class WebhookDeliveryTests : WebhookTest
{
    private const string Secret = "receiver-secret-0123456789";

    private static string HmacHex(string secret, byte[] body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    private static JsonObject BodyOf(ReceivedWebhook received) => JsonNode.Parse(received.RawBody)!.AsObject();

    [Test]
    public async Task Real_time_license_events_are_posted_signed_with_the_documented_body_and_headers()
    {
        var receiver = await StartReceiverAsync();
        var server = await StartDispatcherAsync();
        using var admin = server.CreateClientWithKey(KeyBoxFactory.InternalKey);
        await CreateWebhookAsync(receiver.Url, Secret, client: admin);
        await CreateProductAsync("PROD-001");
        var license = await CreateLicenseAsync("PROD-001", new
        {
            license_code = "HOOK-0001", customer_id = "CUST-7", email = "buyer@example.com", parallel_uses = 2,
            expires_at = "2030-01-31T00:00:00Z", updates_until = "2029-06-30T00:00:00Z",
        });
        var licenseId = license["id"]!.GetValue<string>();

        var created = (await receiver.WaitForEventAsync("license.created")).Single();
        Assert.Multiple(() =>
        {
            Assert.That(created.Header("Content-Type"), Is.EqualTo("application/json"));
            Assert.That(created.Header("X-Webhook-Event"), Is.EqualTo("license.created"));
            Assert.That(Guid.TryParse(created.DeliveryId, out _), Is.True, "X-Webhook-Delivery is an id");
            var timestamp = long.Parse(created.Header("X-Webhook-Timestamp"), CultureInfo.InvariantCulture);
            Assert.That(timestamp, Is.InRange(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 5), "unix seconds");
            Assert.That(created.Header("X-Webhook-Signature"), Is.EqualTo(HmacHex(Secret, created.RawBody)), "lowercase hex HMAC-SHA256 of the raw body, no prefix");
            Assert.That(created.Header("X-Webhook-Signature"), Does.Match("^[0-9a-f]{64}$"));
        });

        var body = BodyOf(created);
        Assert.That(body.Select(p => p.Key), Is.EqualTo(new[] { "event_type", "timestamp", "payload" }));
        Assert.That(body["event_type"]!.GetValue<string>(), Is.EqualTo("license.created"));
        JsonAssert.IsString(body["timestamp"], "timestamp");
        Assert.That(DateTimeOffset.Parse(body["timestamp"]!.GetValue<string>(), CultureInfo.InvariantCulture),
            Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(1)), "ISO 8601, when it happened");
        Assert.That(body["timestamp"]!.GetValue<string>(), Does.EndWith("Z"));
        var payload = body["payload"]!.AsObject();
        Assert.Multiple(() =>
        {
            Assert.That(payload["license_id"]!.GetValue<string>(), Is.EqualTo(licenseId));
            Assert.That(payload["license_code"]!.GetValue<string>(), Is.EqualTo("HOOK-0001"));
            Assert.That(payload["product_reference_id"]!.GetValue<string>(), Is.EqualTo("PROD-001"));
            Assert.That(payload["customer_id"]!.GetValue<string>(), Is.EqualTo("CUST-7"), "the customer reference, as in the internal API");
            Assert.That(payload["email"]!.GetValue<string>(), Is.EqualTo("buyer@example.com"));
            Assert.That(payload["status"]!.GetValue<string>(), Is.EqualTo("active"));
            Assert.That(payload["type"]!.GetValue<string>(), Is.EqualTo("perpetual"));
            Assert.That(payload["parallel_uses"]!.GetValueKind(), Is.EqualTo(JsonValueKind.Number));
            Assert.That(payload["expires_at"]!.GetValue<string>(), Is.EqualTo("2030-01-31T00:00:00Z"));
            Assert.That(payload["updates_until"]!.GetValue<string>(), Is.EqualTo("2029-06-30T00:00:00Z"));
            Assert.That(payload.ContainsKey("activation") && payload["activation"] is null, Is.True, "no activation on license.created");
        });

        await SendAsync(Internal, HttpMethod.Post, $"/api/internal/blocked-product-licenses/{licenseId}", null, HttpStatusCode.OK);
        var blocked = BodyOf((await receiver.WaitForEventAsync("license.blocked")).Single());
        Assert.That(blocked["payload"]!["status"]!.GetValue<string>(), Is.EqualTo("blocked"));

        await SendAsync(Internal, HttpMethod.Delete, $"/api/internal/blocked-product-licenses/{licenseId}", null, HttpStatusCode.OK);
        var unblocked = BodyOf((await receiver.WaitForEventAsync("license.unblocked")).Single());
        Assert.That(unblocked["payload"]!["status"]!.GetValue<string>(), Is.EqualTo("active"));

        using var shop = ClientAt("https://shop.example.com/install", "203.0.113.5");
        var activation = await SendAsync(shop, HttpMethod.Post, "/api/external/license/activate",
            new { product_id = "PROD-001", license_code = "HOOK-0001", client_name = "Shop" }, HttpStatusCode.OK);
        var activated = BodyOf((await receiver.WaitForEventAsync("license.activated")).Single());
        Assert.That(activated["payload"]!["activation"]!["domain"]!.GetValue<string>(), Is.EqualTo("shop.example.com"));
        Assert.That(activated["payload"]!["activation"]!["ip"]!.GetValue<string>(), Is.EqualTo("203.0.113.5"));
        JsonAssert.IsBoolean(activated["payload"]!["activation"]!["is_active"], true, "activation.is_active");
        var activationId = activated["payload"]!["activation"]!["id"]!.GetValue<string>();

        await SendAsync(shop, HttpMethod.Post, "/api/external/license/deactivate",
            new { product_id = "PROD-001", license_data = activation["lic_response"]!.GetValue<string>() }, HttpStatusCode.OK);
        var deactivated = BodyOf((await receiver.WaitForEventAsync("license.deactivated")).Single());
        Assert.That(deactivated["payload"]!["activation"]!["id"]!.GetValue<string>(), Is.EqualTo(activationId));
        JsonAssert.IsBoolean(deactivated["payload"]!["activation"]!["is_active"], false, "activation.is_active");

        Assert.That(receiver.Received.Select(r => r.DeliveryId).Distinct().Count(), Is.EqualTo(5), "one delivery per event");
        Assert.That(receiver.Received.All(r => r.Header("X-Webhook-Signature") == HmacHex(Secret, r.RawBody)), Is.True);
    }

    [Test]
    public async Task Endpoints_get_only_the_events_they_subscribe_to_and_nothing_while_inactive()
    {
        var everything = await StartReceiverAsync();
        var blockedOnly = await StartReceiverAsync();
        var inactive = await StartReceiverAsync();
        var server = await StartDispatcherAsync();
        using var permissive = server.CreateClientWithKey(KeyBoxFactory.InternalKey);
        await CreateWebhookAsync(everything.Url, client: permissive);
        await CreateWebhookAsync(blockedOnly.Url, events: ["license.blocked"], client: permissive);
        var off = await CreateWebhookAsync(inactive.Url, client: permissive);
        await SendAsync(permissive, HttpMethod.Put, $"/api/internal/webhooks/{off["id"]}", new { is_active = false }, HttpStatusCode.OK);

        await CreateProductAsync("P");
        var license = await CreateLicenseAsync("P");
        await SendAsync(Internal, HttpMethod.Post, $"/api/internal/blocked-product-licenses/{license["id"]}", null, HttpStatusCode.OK);
        await SendAsync(Internal, HttpMethod.Delete, $"/api/internal/blocked-product-licenses/{license["id"]}", null, HttpStatusCode.OK);

        await everything.WaitForEventAsync("license.unblocked");
        await blockedOnly.WaitForEventAsync("license.blocked");
        Assert.That(everything.Received.Select(r => r.EventType), Is.EquivalentTo(new[] { "license.created", "license.blocked", "license.unblocked" }));
        Assert.That(blockedOnly.Received.Select(r => r.EventType), Is.EqualTo(new[] { "license.blocked" }));
        Assert.That(inactive.Received, Is.Empty);
        Assert.That(await DeliveriesAsync(off["id"]!.GetValue<string>()), Is.Empty, "nothing is queued for an inactive endpoint");
    }

    [Test]
    public async Task An_event_saved_with_its_change_waits_in_the_outbox_until_a_dispatcher_runs()
    {
        var receiver = await StartReceiverAsync();
        var permissive = await StartServerAsync(DispatcherSettings(("DispatcherEnabled", "false")));
        using var client = permissive.CreateClientWithKey(KeyBoxFactory.InternalKey);
        var webhookId = (await CreateWebhookAsync(receiver.Url, Secret, client: client))["id"]!.GetValue<string>();
        await CreateProductAsync("P");
        await CreateLicenseAsync("P", new { license_code = "OUTBOX-1" });

        // No process dispatches: the delivery was written by the request that created the license, and waits.
        var waiting = (await DeliveriesAsync(webhookId)).Single()!.AsObject();
        Assert.That(waiting["status"]!.GetValue<string>(), Is.EqualTo("pending"));
        Assert.That(waiting["event_type"]!.GetValue<string>(), Is.EqualTo("license.created"));
        Assert.That(waiting["attempt_count"]!.GetValue<int>(), Is.EqualTo(0));
        Assert.That(waiting["attempts"]!.AsArray(), Is.Empty);
        Assert.That(waiting["body"]!.GetValue<string>(), Does.Contain("\"license_code\":\"OUTBOX-1\""));

        await StopServerAsync(permissive);
        await StartDispatcherAsync();
        var received = (await receiver.WaitForEventAsync("license.created")).Single();
        Assert.That(received.DeliveryId, Is.EqualTo(waiting["id"]!.GetValue<string>()));
        Assert.That(received.Body, Is.EqualTo(waiting["body"]!.GetValue<string>()), "the body stored with the change is what is sent");
    }

    [Test]
    public async Task A_change_that_fails_to_save_leaves_no_delivery_behind()
    {
        var webhookId = (await CreateWebhookAsync("https://hooks.example.com/keybox"))["id"]!.GetValue<string>();
        await CreateProductAsync("P");
        // The database refuses this one license after the handlers have queued its delivery: both must roll back together.
        await ExecuteSqlAsync(
            """
            CREATE FUNCTION test_refuse_license() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.license_code = 'REFUSED-01' THEN RAISE EXCEPTION 'refused by test' USING ERRCODE = 'unique_violation'; END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER test_refuse_license BEFORE INSERT ON licenses FOR EACH ROW EXECUTE FUNCTION test_refuse_license();
            """);
        try
        {
            await SendAsync(Internal, HttpMethod.Post, "/api/internal/product-licenses", new { product_reference_id = "P", license_code = "REFUSED-01" }, HttpStatusCode.Conflict);
            await CreateLicenseAsync("P", new { license_code = "ACCEPTED-01" });
        }
        finally
        {
            await ExecuteSqlAsync("DROP TRIGGER test_refuse_license ON licenses; DROP FUNCTION test_refuse_license();");
        }

        var deliveries = await DeliveriesAsync(webhookId);
        Assert.That(deliveries.Select(d => d!["body"]!.GetValue<string>()), Has.One.Contains("ACCEPTED-01"));
        Assert.That(deliveries, Has.Count.EqualTo(1), "the refused license left no delivery");
    }

    [Test]
    public async Task A_save_in_the_dispatching_process_wakes_its_dispatcher_at_once()
    {
        var receiver = await StartReceiverAsync();
        var server = await StartDispatcherAsync(("PollIntervalMilliseconds", "60000"));
        using var client = server.CreateClientWithKey(KeyBoxFactory.InternalKey);
        await CreateWebhookAsync(receiver.Url, client: client);
        await SendAsync(client, HttpMethod.Post, "/api/internal/products", new { name = "P", reference_id = "P" }, HttpStatusCode.Created);
        await Task.Delay(300);

        await SendAsync(client, HttpMethod.Post, "/api/internal/product-licenses", new { product_reference_id = "P" }, HttpStatusCode.Created);
        await receiver.WaitForEventAsync("license.created", timeoutSeconds: 5);
    }

    [Test]
    public async Task A_failing_receiver_is_retried_with_growing_delays_and_every_attempt_is_logged()
    {
        var receiver = await StartReceiverAsync((r, _) => Task.FromResult(r.Number <= 2 ? 500 : 200));
        var server = await StartDispatcherAsync();
        using var admin = server.CreateClientWithKey(KeyBoxFactory.InternalKey);
        var webhookId = (await CreateWebhookAsync(receiver.Url, Secret, client: admin))["id"]!.GetValue<string>();
        await CreateProductAsync("P");
        await CreateLicenseAsync("P");

        var requests = await receiver.WaitForAsync(3);
        Assert.Multiple(() =>
        {
            Assert.That(requests.Select(r => r.DeliveryId).Distinct().Count(), Is.EqualTo(1), "the same X-Webhook-Delivery on every retry");
            Assert.That(requests.Select(r => r.Body).Distinct().Count(), Is.EqualTo(1), "the same body on every retry");
            Assert.That(requests.All(r => r.Header("X-Webhook-Signature") == HmacHex(Secret, r.RawBody)), Is.True);
            Assert.That(requests[1].ReceivedAt - requests[0].ReceivedAt, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(0.18)), "first retry after the base delay");
            Assert.That(requests[2].ReceivedAt - requests[1].ReceivedAt, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(0.38)), "then twice as long");
        });

        var delivery = (await WaitForDeliveriesAsync(webhookId, d => d.Count == 1 && d[0]!["status"]!.GetValue<string>() == "delivered")).Single()!;
        Assert.That(delivery["id"]!.GetValue<string>(), Is.EqualTo(requests[0].DeliveryId));
        Assert.That(delivery["attempt_count"]!.GetValue<int>(), Is.EqualTo(3));
        JsonAssert.IsString(delivery["delivered_at"], "delivered_at");
        var attempts = delivery["attempts"]!.AsArray();
        Assert.That(attempts.Select(a => a!["status_code"]!.GetValue<int>()), Is.EqualTo(new[] { 500, 500, 200 }));
        Assert.That(attempts.Select(a => a!["succeeded"]!.GetValue<bool>()), Is.EqualTo(new[] { false, false, true }));
        Assert.That(attempts.All(a => a!["duration_ms"]!.GetValueKind() == JsonValueKind.Number), Is.True, "duration_ms is a number");
        Assert.That(attempts[0]!["error"]!.GetValue<string>(), Does.Contain("500"));
        Assert.That(attempts[2]!.AsObject().ContainsKey("error") && attempts[2]!["error"] is null, Is.True, "no error on success");
        var times = attempts.Select(a => DateTimeOffset.Parse(a!["attempted_at"]!.GetValue<string>(), CultureInfo.InvariantCulture)).ToList();
        Assert.That(times, Is.Ordered, "attempted_at, oldest first");
    }

    [Test]
    public async Task After_the_last_attempt_a_delivery_fails_and_redeliver_sends_it_again_with_the_same_id()
    {
        var healthy = false;
        var receiver = await StartReceiverAsync((_, _) => Task.FromResult(Volatile.Read(ref healthy) ? 200 : 503));
        var server = await StartDispatcherAsync(("MaxAttempts", "3"), ("RetryBaseDelaySeconds", "0.1"));
        using var admin = server.CreateClientWithKey(KeyBoxFactory.InternalKey);
        var webhookId = (await CreateWebhookAsync(receiver.Url, client: admin))["id"]!.GetValue<string>();
        await CreateProductAsync("P");
        await CreateLicenseAsync("P");

        var failed = (await WaitForDeliveriesAsync(webhookId, d => d.Count == 1 && d[0]!["status"]!.GetValue<string>() == "failed")).Single()!;
        Assert.That(failed["attempts"]!.AsArray().Select(a => a!["status_code"]!.GetValue<int>()), Is.EqualTo(new[] { 503, 503, 503 }));
        Assert.That(failed["last_status_code"]!.GetValue<int>(), Is.EqualTo(503));
        Assert.That(failed.AsObject().ContainsKey("next_attempt_at") && failed["next_attempt_at"] is null, Is.True, "no further attempt");
        await Task.Delay(500);
        Assert.That(receiver.Received, Has.Count.EqualTo(3), "MaxAttempts attempts, then no more");

        Volatile.Write(ref healthy, true);
        var deliveryId = failed["id"]!.GetValue<string>();
        var redelivered = await SendAsync(Internal, HttpMethod.Post, $"/api/internal/webhook-deliveries/{deliveryId}/redeliver", null, HttpStatusCode.OK);
        Assert.That(redelivered["data"]!["id"]!.GetValue<string>(), Is.EqualTo(deliveryId));
        Assert.That(redelivered["data"]!["status"]!.GetValue<string>(), Is.AnyOf("pending", "sending", "delivered"));

        var last = (await receiver.WaitForAsync(4))[3];
        Assert.That(last.DeliveryId, Is.EqualTo(deliveryId));
        var delivered = (await WaitForDeliveriesAsync(webhookId, d => d[0]!["status"]!.GetValue<string>() == "delivered")).Single()!;
        Assert.That(delivered["attempts"]!.AsArray().Select(a => a!["status_code"]!.GetValue<int>()), Is.EqualTo(new[] { 503, 503, 503, 200 }),
            "the log keeps the earlier attempts");
    }

    [Test]
    public async Task A_dispatcher_stopped_mid_delivery_leaves_it_to_the_next_one_once_the_lease_runs_out()
    {
        var receiver = await StartReceiverAsync(async (r, aborted) =>
        {
            if (r.Number == 1)
            {
                await Task.Delay(Timeout.Infinite, aborted).ContinueWith(_ => { }, TaskScheduler.Default);
            }

            return 200;
        });
        var first = await StartDispatcherAsync(("TimeoutSeconds", "2"), ("LeaseSeconds", "2"));
        using (var admin = first.CreateClientWithKey(KeyBoxFactory.InternalKey))
        {
            await CreateWebhookAsync(receiver.Url, Secret, client: admin);
        }

        var webhookId = (await SendAsync(Internal, HttpMethod.Get, "/api/internal/webhooks", null, HttpStatusCode.OK))["data"]![0]!["id"]!.GetValue<string>();
        await CreateProductAsync("P");
        await CreateLicenseAsync("P");

        var held = (await receiver.WaitForAsync(1)).Single();
        await StopServerAsync(first);
        var orphaned = (await DeliveriesAsync(webhookId)).Single()!;
        Assert.That(orphaned["status"]!.GetValue<string>(), Is.EqualTo("sending"), "the stopped process recorded nothing");
        Assert.That(orphaned["attempts"]!.AsArray(), Is.Empty);

        await StartDispatcherAsync(("TimeoutSeconds", "2"), ("LeaseSeconds", "2"));
        var again = (await receiver.WaitForAsync(2))[1];
        Assert.Multiple(() =>
        {
            Assert.That(again.DeliveryId, Is.EqualTo(held.DeliveryId), "the same delivery id after the restart");
            Assert.That(again.Body, Is.EqualTo(held.Body));
            Assert.That(again.ReceivedAt - held.ReceivedAt, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(2.5)), "not before the lease (timeout + 1 s) ran out");
        });

        var delivered = (await WaitForDeliveriesAsync(webhookId, d => d[0]!["status"]!.GetValue<string>() == "delivered")).Single()!;
        var attempts = delivered["attempts"]!.AsArray();
        Assert.That(attempts, Has.Count.EqualTo(2));
        Assert.That(attempts[0]!["status_code"], Is.Null);
        Assert.That(attempts[0]!["duration_ms"], Is.Null);
        Assert.That(attempts[0]!["error"]!.GetValue<string>(), Does.Contain("stopped"));
        Assert.That(attempts[1]!["status_code"]!.GetValue<int>(), Is.EqualTo(200));
        Assert.That(receiver.Received, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Two_dispatching_servers_deliver_each_event_once()
    {
        var receiver = await StartReceiverAsync(async (_, aborted) =>
        {
            await Task.Delay(20, aborted);
            return 200;
        });
        var a = await StartDispatcherAsync();
        var b = await StartDispatcherAsync();
        using var clientA = a.CreateClientWithKey(KeyBoxFactory.InternalKey);
        using var clientB = b.CreateClientWithKey(KeyBoxFactory.InternalKey);
        await CreateWebhookAsync(receiver.Url, client: clientA);
        await CreateWebhookAsync(receiver.Url, client: clientB);
        await CreateProductAsync("P");

        const int Licenses = 20;
        await Task.WhenAll(Enumerable.Range(0, Licenses).Select(i =>
            SendAsync(i % 2 == 0 ? clientA : clientB, HttpMethod.Post, "/api/internal/product-licenses", new { product_reference_id = "P" }, HttpStatusCode.Created)));

        await receiver.WaitForAsync(2 * Licenses, timeoutSeconds: 30);
        await Task.Delay(1000);
        var received = receiver.Received;
        Assert.That(received, Has.Count.EqualTo(2 * Licenses), "two endpoints × 20 events, each sent once");
        Assert.That(received.Select(r => r.DeliveryId).Distinct().Count(), Is.EqualTo(2 * Licenses));
    }

    [Test]
    public async Task A_target_that_resolves_to_a_forbidden_address_is_refused_at_connect_time()
    {
        var receiver = await StartReceiverAsync();
        // A host name, not a literal address: accepted when created, refused when it resolves to loopback.
        var webhookId = (await CreateWebhookAsync($"http://localhost:{receiver.Port}/hook"))["id"]!.GetValue<string>();
        await StartDispatcherAsync(("AllowPrivateTargets", "false"));
        await CreateProductAsync("P");
        await CreateLicenseAsync("P");

        var log = await WaitForDeliveriesAsync(webhookId, d => d.Count == 1 && d[0]!["attempts"]!.AsArray().Count >= 1);
        var attempt = log[0]!["attempts"]![0]!;
        // Only that: not what the name resolved to (the tenant must not learn the server's internal addresses).
        Assert.That(attempt["error"]!.GetValue<string>(), Is.EqualTo("target refused: not a public address"));
        Assert.That(log.ToJsonString(), Does.Not.Contain("127.0.0.1").And.Not.Contain("::1"));
        Assert.That(attempt["status_code"], Is.Null);
        JsonAssert.IsBoolean(attempt["succeeded"], false, "succeeded");
        Assert.That(receiver.Received, Is.Empty, "no request reached the receiver");
    }

    [TestCase("http://[::127.0.0.1]:{0}/hook")]
    [TestCase("http://[::ffff:127.0.0.1]:{0}/hook")]
    [TestCase("http://[64:ff9b::127.0.0.1]:{0}/hook")]
    [TestCase("http://[2002:7f00:1::1]:{0}/hook")]
    public async Task A_literal_IPv6_form_of_a_loopback_address_is_refused_at_connect_time(string urlFormat)
    {
        var receiver = await StartReceiverAsync();
        // Stored by a server that allows private targets (as an operator may have done before), sent by one that does not.
        var permissive = await StartServerAsync(new Dictionary<string, string?> { ["Webhooks:AllowPrivateTargets"] = "true" });
        using var permissiveClient = permissive.CreateClientWithKey(KeyBoxFactory.InternalKey);
        var url = string.Format(System.Globalization.CultureInfo.InvariantCulture, urlFormat, receiver.Port);
        var webhookId = (await CreateWebhookAsync(url, client: permissiveClient))["id"]!.GetValue<string>();
        await StartDispatcherAsync(("AllowPrivateTargets", "false"));
        await CreateProductAsync("P");
        await CreateLicenseAsync("P");

        var log = await WaitForDeliveriesAsync(webhookId, d => d.Count == 1 && d[0]!["attempts"]!.AsArray().Count >= 1);
        Assert.That(log[0]!["attempts"]![0]!["error"]!.GetValue<string>(), Is.EqualTo("target refused: not a public address"));
        Assert.That(receiver.Received, Is.Empty, "no request reached the receiver");
    }

    [Test]
    public async Task A_developer_endpoint_hears_about_its_own_licenses_and_an_admin_endpoint_about_all()
    {
        var aliceReceiver = await StartReceiverAsync();
        var adminReceiver = await StartReceiverAsync();
        var server = await StartDispatcherAsync();
        using var anonymous = server.CreateClient();
        await SendAsync(anonymous, HttpMethod.Post, "/auth/signup",
            new { name = "Alice", email = "alice@example.com", password = "correct-horse-battery", confirm_password = "correct-horse-battery" }, HttpStatusCode.Created);
        var token = (await SendAsync(anonymous, HttpMethod.Post, "/auth/login", new { email = "alice@example.com", password = "correct-horse-battery" }, HttpStatusCode.OK))["data"]!["token"]!.GetValue<string>();
        using var alice = server.CreateClient();
        alice.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var admin = server.CreateClientWithKey(KeyBoxFactory.InternalKey);

        var aliceHook = await CreateWebhookAsync(aliceReceiver.Url, client: alice);
        var adminHook = await CreateWebhookAsync(adminReceiver.Url, client: admin);
        await SendAsync(alice, HttpMethod.Post, "/api/internal/products", new { name = "A", reference_id = "ALICE-1" }, HttpStatusCode.Created);
        await SendAsync(alice, HttpMethod.Post, "/api/internal/product-licenses", new { product_reference_id = "ALICE-1", license_code = "ALICE-LIC-1" }, HttpStatusCode.Created);
        await SendAsync(admin, HttpMethod.Post, "/api/internal/products", new { name = "B", reference_id = "ADMIN-1" }, HttpStatusCode.Created);
        await SendAsync(admin, HttpMethod.Post, "/api/internal/product-licenses", new { product_reference_id = "ADMIN-1", license_code = "ADMIN-LIC-1" }, HttpStatusCode.Created);

        var adminHeard = await adminReceiver.WaitForAsync(2);
        Assert.That(adminHeard.Select(r => BodyOf(r)["payload"]!["license_code"]!.GetValue<string>()), Is.EquivalentTo(new[] { "ALICE-LIC-1", "ADMIN-LIC-1" }));
        await Task.Delay(500);
        Assert.That(aliceReceiver.Received.Select(r => BodyOf(r)["payload"]!["license_code"]!.GetValue<string>()), Is.EqualTo(new[] { "ALICE-LIC-1" }));

        var aliceList = await SendAsync(alice, HttpMethod.Get, "/api/internal/webhooks", null, HttpStatusCode.OK);
        Assert.That(aliceList["data"]!.AsArray().Select(w => w!["id"]!.GetValue<string>()), Is.EqualTo(new[] { aliceHook["id"]!.GetValue<string>() }));
        await SendAsync(alice, HttpMethod.Get, $"/api/internal/webhooks/{adminHook["id"]}", null, HttpStatusCode.NotFound);
        await SendAsync(alice, HttpMethod.Get, $"/api/internal/webhooks/{adminHook["id"]}/deliveries", null, HttpStatusCode.NotFound);
        var adminDelivery = (await DeliveriesAsync(adminHook["id"]!.GetValue<string>(), admin))[0]!["id"]!.GetValue<string>();
        await SendAsync(alice, HttpMethod.Post, $"/api/internal/webhook-deliveries/{adminDelivery}/redeliver", null, HttpStatusCode.NotFound);
    }
}
