using System.Net;
using System.Text.Json;
using KeyBox.WebApi.IntegrationTests.Testing;

namespace KeyBox.WebApi.IntegrationTests.Webhooks;

/// <summary>The internal API for webhook endpoints (the shared server: private targets not allowed).</summary>
public sealed class WebhookEndpointsTests : WebhookTest
{
    [Test]
    public async Task Create_answers_201_with_the_endpoint_and_a_generated_secret_shown_only_there()
    {
        var json = await SendAsync(Internal, HttpMethod.Post, "/api/internal/webhooks",
            new { url = "https://hooks.example.com/keybox", events = new[] { "license.created", "license.expired" } }, HttpStatusCode.Created);
        JsonAssert.IsBoolean(json["status"], true, "status");
        var created = json["data"]!.AsObject();
        JsonAssert.IsString(created["id"], "id");
        Assert.That(created["url"]!.GetValue<string>(), Is.EqualTo("https://hooks.example.com/keybox"));
        Assert.That(created["events"]!.GetValueKind(), Is.EqualTo(JsonValueKind.Array));
        Assert.That(created["events"]!.AsArray().Select(e => e!.GetValue<string>()), Is.EqualTo(new[] { "license.created", "license.expired" }));
        JsonAssert.IsBoolean(created["is_active"], true, "is_active defaults to true");
        Assert.That(created["secret"]!.GetValue<string>(), Does.Match("^whsec_[0-9a-f]{64}$"), "a generated 256-bit secret");
        JsonAssert.IsString(created["created_at"], "created_at");

        var id = created["id"]!.GetValue<string>();
        var fetched = (await SendAsync(Internal, HttpMethod.Get, $"/api/internal/webhooks/{id}", null, HttpStatusCode.OK))["data"]!.AsObject();
        Assert.That(fetched.ContainsKey("secret"), Is.False, "the secret is shown only when created");
        Assert.That(fetched["url"]!.GetValue<string>(), Is.EqualTo("https://hooks.example.com/keybox"));

        var list = await SendAsync(Internal, HttpMethod.Get, "/api/internal/webhooks", null, HttpStatusCode.OK);
        var items = list["data"]!.AsArray();
        Assert.That(items.Select(i => i!["id"]!.GetValue<string>()), Is.EqualTo(new[] { id }));
        Assert.That(items[0]!.AsObject().ContainsKey("secret"), Is.False);
        JsonAssert.IsBoolean(list["meta"]!["has_more"], false, "meta.has_more");
    }

    [Test]
    public async Task A_given_secret_is_used_and_no_events_means_every_event()
    {
        var created = await CreateWebhookAsync("https://hooks.example.com/a", secret: "my-own-secret-0123456789");
        Assert.That(created["secret"]!.GetValue<string>(), Is.EqualTo("my-own-secret-0123456789"));
        Assert.That(created["events"]!.AsArray(), Is.Empty, "an empty list subscribes to every event");
    }

    [Test]
    public async Task Invalid_input_is_refused_with_422_naming_the_field()
    {
        var badUrl = await SendAsync(Internal, HttpMethod.Post, "/api/internal/webhooks", new { url = "not a url" }, HttpStatusCode.UnprocessableEntity);
        JsonAssert.IsBoolean(badUrl["status"], false, "status");
        Assert.That(badUrl["errors"]!.AsObject().ContainsKey("url"), Is.True, badUrl.ToJsonString());

        var ftp = await SendAsync(Internal, HttpMethod.Post, "/api/internal/webhooks", new { url = "ftp://hooks.example.com/x" }, HttpStatusCode.UnprocessableEntity);
        Assert.That(ftp["errors"]!.AsObject().ContainsKey("url"), Is.True, ftp.ToJsonString());

        var missing = await SendAsync(Internal, HttpMethod.Post, "/api/internal/webhooks", new { events = Array.Empty<string>() }, HttpStatusCode.UnprocessableEntity);
        Assert.That(missing["errors"]!.AsObject().ContainsKey("url"), Is.True, missing.ToJsonString());

        var unknownEvent = await SendAsync(Internal, HttpMethod.Post, "/api/internal/webhooks",
            new { url = "https://hooks.example.com/x", events = new[] { "license.created", "license.exploded" } }, HttpStatusCode.UnprocessableEntity);
        Assert.That(unknownEvent["errors"]!["events"]![0]!.GetValue<string>(), Does.Contain("license.exploded"));

        var shortSecret = await SendAsync(Internal, HttpMethod.Post, "/api/internal/webhooks",
            new { url = "https://hooks.example.com/x", secret = "short" }, HttpStatusCode.UnprocessableEntity);
        Assert.That(shortSecret["errors"]!.AsObject().ContainsKey("secret"), Is.True, shortSecret.ToJsonString());

        var wrongType = await SendAsync(Internal, HttpMethod.Post, "/api/internal/webhooks",
            RawJson("""{"url":"https://hooks.example.com/x","events":"license.created"}"""), HttpStatusCode.UnprocessableEntity);
        JsonAssert.IsBoolean(wrongType["status"], false, "status");

        var none = await SendAsync(Internal, HttpMethod.Get, "/api/internal/webhooks", null, HttpStatusCode.OK);
        Assert.That(none["data"]!.AsArray(), Is.Empty, "nothing was created");
    }

    [TestCase("http://127.0.0.1/hook")]
    [TestCase("http://127.8.9.10:8080/hook")]
    [TestCase("http://10.1.2.3/hook")]
    [TestCase("http://172.16.0.1/hook")]
    [TestCase("http://192.168.1.1/hook")]
    [TestCase("http://169.254.169.254/latest/meta-data")]
    [TestCase("http://100.64.0.1/hook")]
    [TestCase("http://0.0.0.0/hook")]
    [TestCase("http://[::1]/hook")]
    [TestCase("http://[fd00::1]/hook")]
    [TestCase("http://[fe80::1]/hook")]
    [TestCase("http://[::ffff:127.0.0.1]/hook")]
    [TestCase("http://[::127.0.0.1]:18999/")]
    [TestCase("http://[64:ff9b:1::a00:1]/hook")]
    [TestCase("http://[64:ff9b::a9fe:a9fe]/hook")]
    [TestCase("http://[2002:a9fe:a9fe::1]/hook")]
    [TestCase("http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/hook")]
    [TestCase("http://198.18.0.1/hook")]
    [TestCase("http://198.19.255.254/hook")]
    [TestCase("http://192.0.0.170/hook")]
    [TestCase("http://192.0.2.1/hook")]
    [TestCase("http://198.51.100.7/hook")]
    [TestCase("http://203.0.113.9/hook")]
    [TestCase("http://239.255.255.250/hook")]
    [TestCase("http://255.255.255.255/hook")]
    public async Task A_literal_private_or_loopback_address_is_refused(string url)
    {
        var json = await SendAsync(Internal, HttpMethod.Post, "/api/internal/webhooks", new { url }, HttpStatusCode.UnprocessableEntity);
        Assert.That(json["errors"]!["url"]![0]!.GetValue<string>(), Does.Contain("private"));
    }

    [Test]
    public async Task Private_addresses_are_accepted_when_the_operator_allows_them()
    {
        var permissive = await StartServerAsync(new Dictionary<string, string?> { ["Webhooks:AllowPrivateTargets"] = "true" });
        using var client = permissive.CreateClientWithKey(KeyBoxFactory.InternalKey);
        await SendAsync(client, HttpMethod.Post, "/api/internal/webhooks", new { url = "http://127.0.0.1:9/hook" }, HttpStatusCode.Created);
        await SendAsync(client, HttpMethod.Post, "/api/internal/webhooks", new { url = "http://[::1]/hook" }, HttpStatusCode.Created);
    }

    [Test]
    public async Task Public_addresses_and_host_names_are_accepted()
    {
        await CreateWebhookAsync("http://93.184.215.14/hook");
        await CreateWebhookAsync("https://[2606:4700::1111]/hook");
        await CreateWebhookAsync("https://hooks.example.com:8443/hook?x=1");
    }

    [Test]
    public async Task Update_changes_the_given_fields_and_keeps_the_others()
    {
        var created = await CreateWebhookAsync("https://hooks.example.com/a", events: ["license.created"]);
        var id = created["id"]!.GetValue<string>();

        var updated = (await SendAsync(Internal, HttpMethod.Put, $"/api/internal/webhooks/{id}",
            new { is_active = false, events = new[] { "license.blocked", "license.unblocked" } }, HttpStatusCode.OK))["data"]!.AsObject();
        Assert.That(updated["url"]!.GetValue<string>(), Is.EqualTo("https://hooks.example.com/a"), "kept");
        JsonAssert.IsBoolean(updated["is_active"], false, "is_active");
        Assert.That(updated["events"]!.AsArray().Select(e => e!.GetValue<string>()), Is.EqualTo(new[] { "license.blocked", "license.unblocked" }));
        Assert.That(updated.ContainsKey("secret"), Is.False, "a secret is never echoed by an update");

        var everything = (await SendAsync(Internal, HttpMethod.Put, $"/api/internal/webhooks/{id}",
            new { url = "https://other.example.com/b", events = Array.Empty<string>() }, HttpStatusCode.OK))["data"]!.AsObject();
        Assert.That(everything["url"]!.GetValue<string>(), Is.EqualTo("https://other.example.com/b"));
        Assert.That(everything["events"]!.AsArray(), Is.Empty);
        JsonAssert.IsBoolean(everything["is_active"], false, "still inactive");

        await SendAsync(Internal, HttpMethod.Put, $"/api/internal/webhooks/{id}", new { url = "http://10.0.0.1/x" }, HttpStatusCode.UnprocessableEntity);
        await SendAsync(Internal, HttpMethod.Put, $"/api/internal/webhooks/{id}", new { events = new[] { "nope" } }, HttpStatusCode.UnprocessableEntity);
        await SendAsync(Internal, HttpMethod.Put, $"/api/internal/webhooks/{Guid.NewGuid()}", new { is_active = true }, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Delete_removes_the_endpoint()
    {
        var id = (await CreateWebhookAsync("https://hooks.example.com/a"))["id"]!.GetValue<string>();
        var deleted = await SendAsync(Internal, HttpMethod.Delete, $"/api/internal/webhooks/{id}", null, HttpStatusCode.OK);
        Assert.That(deleted["data"]!["id"]!.GetValue<string>(), Is.EqualTo(id));
        await SendAsync(Internal, HttpMethod.Get, $"/api/internal/webhooks/{id}", null, HttpStatusCode.NotFound);
        await SendAsync(Internal, HttpMethod.Get, $"/api/internal/webhooks/{id}/deliveries", null, HttpStatusCode.NotFound);
        await SendAsync(Internal, HttpMethod.Delete, $"/api/internal/webhooks/{id}", null, HttpStatusCode.NotFound);
        await SendAsync(Internal, HttpMethod.Post, $"/api/internal/webhook-deliveries/{Guid.NewGuid()}/redeliver", null, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Webhooks_need_an_internal_credential()
    {
        await SendAsync(External, HttpMethod.Get, "/api/internal/webhooks", null, HttpStatusCode.Forbidden);
        await SendAsync(Anonymous, HttpMethod.Post, "/api/internal/webhooks", new { url = "https://hooks.example.com/a" }, HttpStatusCode.Unauthorized);
    }
}
