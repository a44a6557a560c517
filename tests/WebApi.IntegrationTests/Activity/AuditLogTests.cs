using System.Net;
using System.Text.Json.Nodes;
using KeyBox.WebApi.IntegrationTests.Accounts;
using KeyBox.WebApi.IntegrationTests.Testing;

namespace KeyBox.WebApi.IntegrationTests.Activity;

/// <summary>GET /api/internal/audit-log: every change through every surface, with who, what, when, where from.</summary>
public sealed class AuditLogTests : AccountsTest
{
    private const string Shop = "https://shop.example.com/";

    private static async Task<JsonArray> EntriesAsync(HttpClient client, string query = "")
    {
        var json = await SendAsync(client, HttpMethod.Get, "/api/internal/audit-log" + query, null, HttpStatusCode.OK);
        JsonAssert.IsBoolean(json["status"], true, "status");
        return json["data"]!.AsArray();
    }

    private static async Task<string> AdminIdAsync()
    {
        var json = await SendAsync(Server.CreateClientWithKey(KeyBoxFactory.InternalKey), HttpMethod.Get, "/api/internal/users", null, HttpStatusCode.OK);
        return json["data"]!.AsArray().Single(u => u!["email"]!.GetValue<string>() == KeyBoxFactory.AdminEmail)!["id"]!.GetValue<string>();
    }

    [Test]
    public async Task Changes_through_the_internal_and_external_apis_are_logged_with_actor_surface_and_ip_and_verifies_are_not()
    {
        Internal.DefaultRequestHeaders.Add(TestRemoteIp, "203.0.113.7");
        var product = await CreateProductAsync("AUD-1");
        var license = await CreateLicenseAsync("AUD-1", new { license_code = "AUDIT-0001", parallel_uses = 1 });
        var licenseId = license["id"]!.GetValue<string>();
        await SendAsync(Internal, HttpMethod.Post, $"/api/internal/blocked-product-licenses/{licenseId}", null, HttpStatusCode.OK);
        await SendAsync(Internal, HttpMethod.Delete, $"/api/internal/blocked-product-licenses/{licenseId}", null, HttpStatusCode.OK);
        using var client = ClientAt(Shop);
        client.DefaultRequestHeaders.Add(TestRemoteIp, "198.51.100.20");
        var activated = await SendAsync(client, HttpMethod.Post, "/api/external/license/activate", new { product_id = "AUD-1", license_code = "AUDIT-0001" }, HttpStatusCode.OK);
        var token = activated["lic_response"]!.GetValue<string>();

        var entries = await EntriesAsync(Internal);
        Assert.That(entries.Select(e => e!["action"]!.GetValue<string>()),
            Is.EqualTo(new[] { "license.activated", "license.unblocked", "license.blocked", "license.created", "product.created" }), "newest first");

        var adminId = await AdminIdAsync();
        var created = entries[4]!;
        Assert.Multiple(() =>
        {
            Assert.That(created["entity_type"]!.GetValue<string>(), Is.EqualTo("product"));
            Assert.That(created["entity_id"]!.GetValue<string>(), Is.EqualTo(product["data"]!["id"]!.GetValue<string>()));
            Assert.That(created["actor_user_id"]!.GetValue<string>(), Is.EqualTo(adminId));
            Assert.That(created["actor_email"]!.GetValue<string>(), Is.EqualTo(KeyBoxFactory.AdminEmail));
            Assert.That(created["actor_api_key_id"], Is.Not.Null, "made with the internal key");
            Assert.That(created["ip_address"]!.GetValue<string>(), Is.EqualTo("203.0.113.7"));
            Assert.That(created["surface"]!.GetValue<string>(), Is.EqualTo("internal"));
            Assert.That(created["owner_id"]!.GetValue<string>(), Is.EqualTo(adminId));
            JsonAssert.IsString(created["occurred_at"], "occurred_at");
        });

        var activation = entries[0]!;
        Assert.Multiple(() =>
        {
            Assert.That(activation["entity_type"]!.GetValue<string>(), Is.EqualTo("license"), "an activation is a change of its license");
            Assert.That(activation["entity_id"]!.GetValue<string>(), Is.EqualTo(licenseId));
            Assert.That(activation["surface"]!.GetValue<string>(), Is.EqualTo("external"));
            Assert.That(activation["ip_address"]!.GetValue<string>(), Is.EqualTo("198.51.100.20"));
            Assert.That(activation["actor_api_key_id"]!.GetValue<string>(), Is.Not.EqualTo(created["actor_api_key_id"]!.GetValue<string>()), "the external key");
        });

        await SendAsync(client, HttpMethod.Post, "/api/external/license/verify", new { product_id = "AUD-1", license_data = token }, HttpStatusCode.OK);
        await SendAsync(client, HttpMethod.Post, "/api/external/license/deactivate", new { product_id = "AUD-1", license_data = token }, HttpStatusCode.OK);
        var after = await EntriesAsync(Internal);
        Assert.That(after.Select(e => e!["action"]!.GetValue<string>()).Take(2), Is.EqualTo(new[] { "license.deactivated", "license.activated" }), "a verify changes nothing");
    }

    [Test]
    public async Task A_refused_command_leaves_no_entry()
    {
        await CreateProductAsync("AUD-1");
        await SendAsync(Internal, HttpMethod.Post, "/api/internal/products", new { name = "Dup", reference_id = "AUD-1" }, HttpStatusCode.UnprocessableEntity);
        using var client = ClientAt(Shop);
        await SendAsync(client, HttpMethod.Post, "/api/external/license/activate", new { product_id = "AUD-1", license_code = "NOPE-NOPE" }, HttpStatusCode.NotFound);

        var entries = await EntriesAsync(Internal);
        Assert.That(entries.Select(e => e!["action"]!.GetValue<string>()), Is.EqualTo(new[] { "product.created" }));
    }

    [Test]
    public async Task Filters_by_action_entity_actor_and_time_and_pages_with_a_cursor()
    {
        foreach (var reference in new[] { "F-1", "F-2", "F-3" })
        {
            await CreateProductAsync(reference);
        }

        var license = await CreateLicenseAsync("F-1");
        var licenseId = license["id"]!.GetValue<string>();
        var adminId = await AdminIdAsync();

        Assert.That(await EntriesAsync(Internal, "?action=product.created"), Has.Count.EqualTo(3));
        Assert.That(await EntriesAsync(Internal, "?action=product.*"), Has.Count.EqualTo(3));
        Assert.That(await EntriesAsync(Internal, "?action=license"), Has.Count.EqualTo(1));
        Assert.That(await EntriesAsync(Internal, "?entity=license"), Has.Count.EqualTo(1));
        Assert.That((await EntriesAsync(Internal, $"?entity={licenseId}")).Single()!["action"]!.GetValue<string>(), Is.EqualTo("license.created"));
        Assert.That(await EntriesAsync(Internal, $"?entity=license:{licenseId}"), Has.Count.EqualTo(1));
        Assert.That(await EntriesAsync(Internal, $"?entity=product:{licenseId}"), Is.Empty);
        Assert.That(await EntriesAsync(Internal, $"?actor={adminId}"), Has.Count.EqualTo(4));
        Assert.That(await EntriesAsync(Internal, $"?actor={Guid.NewGuid()}"), Is.Empty);
        var today = Server.Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd");
        var tomorrow = Server.Clock.GetUtcNow().UtcDateTime.AddDays(1).ToString("yyyy-MM-dd");
        Assert.That(await EntriesAsync(Internal, $"?from={today}&to={today}"), Has.Count.EqualTo(4));
        Assert.That(await EntriesAsync(Internal, $"?from={tomorrow}"), Is.Empty);

        var first = await SendAsync(Internal, HttpMethod.Get, "/api/internal/audit-log?per_page=3", null, HttpStatusCode.OK);
        var meta = first["meta"]!;
        JsonAssert.IsBoolean(meta["has_more"], true, "has_more");
        Assert.That(meta["per_page"]!.GetValue<int>(), Is.EqualTo(3));
        var cursor = meta["next_cursor"]!.GetValue<string>();
        var second = await SendAsync(Internal, HttpMethod.Get, $"/api/internal/audit-log?per_page=3&cursor={cursor}", null, HttpStatusCode.OK);
        JsonAssert.IsBoolean(second["meta"]!["has_more"], false, "has_more");
        var ids = first["data"]!.AsArray().Concat(second["data"]!.AsArray()).Select(e => e!["id"]!.GetValue<string>()).ToList();
        Assert.That(ids, Has.Count.EqualTo(4).And.Unique);
        Assert.That(second["data"]!.AsArray().Single()!["action"]!.GetValue<string>(), Is.EqualTo("product.created"), "the oldest comes last");
    }

    [Test]
    public async Task A_developer_sees_the_entries_of_their_own_data_and_an_admin_sees_all()
    {
        using var developer = await DeveloperClientAsync("dev-audit@example.com");
        await SendAsync(developer, HttpMethod.Post, "/api/internal/products", new { name = "Dev product", reference_id = "DEV-1" }, HttpStatusCode.Created);
        await CreateProductAsync("ADMIN-1");
        // The admin changes the developer's product: that entry is the developer's too (their data), made by the admin.
        await SendAsync(Internal, HttpMethod.Delete, "/api/internal/activated-products/DEV-1", null, HttpStatusCode.OK);

        var mine = await EntriesAsync(developer);
        Assert.That(mine.Select(e => e!["action"]!.GetValue<string>()), Is.EqualTo(new[] { "product.deactivated", "product.created", "user.signed_up" }));
        Assert.That(mine[1]!["actor_email"]!.GetValue<string>(), Is.EqualTo("dev-audit@example.com"));
        Assert.That(mine[2]!["surface"]!.GetValue<string>(), Is.EqualTo("keybox"), "signed up through the KeyBox API");
        Assert.That(mine.Single(e => e!["action"]!.GetValue<string>() == "product.deactivated")!["actor_email"]!.GetValue<string>(), Is.EqualTo(KeyBoxFactory.AdminEmail));
        Assert.That(await EntriesAsync(developer, "?action=product.created"), Has.Count.EqualTo(1), "not the admin's product");

        var all = await EntriesAsync(Internal, "?action=product.created");
        Assert.That(all, Has.Count.EqualTo(2), "an admin sees every owner's entries");
    }

    [TestCase("actor=someone", "actor")]
    [TestCase("entity=Licen%20se!", "entity")]
    [TestCase("action=license.created.twice", "action")]
    [TestCase("from=yesterday", "from")]
    [TestCase("from=2026-02-30", "from")]
    [TestCase("from=2026-03-02&to=2026-03-01", "to")]
    [TestCase("cursor=%21%21%21", "cursor")]
    public async Task Malformed_filters_are_refused_with_422_in_the_internal_envelope(string query, string field)
    {
        var json = await SendAsync(Internal, HttpMethod.Get, "/api/internal/audit-log?" + query, null, HttpStatusCode.UnprocessableEntity);
        JsonAssert.IsBoolean(json["status"], false, "status");
        JsonAssert.IsString(json["message"], "message");
        Assert.That(json["errors"]!.AsObject().ContainsKey(field), Is.True, json.ToJsonString());
    }
}
