using System.Net;
using System.Text.Json.Nodes;
using KeyBox.Infrastructure.ReadModel;
using KeyBox.WebApi.IntegrationTests.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace KeyBox.WebApi.IntegrationTests.Accounts;

/// <summary>A developer sees only what they own, with a bearer token or with an API key they issued; an admin sees all.</summary>
public sealed class OwnershipTests : AccountsTest
{
    [Test]
    public async Task Developers_see_only_their_own_products_and_admins_see_all()
    {
        using var alice = await DeveloperClientAsync("alice@example.com");
        using var bob = await DeveloperClientAsync("bob@example.com");
        using var admin = BearerClient(Server, await LogInAsync(KeyBoxFactory.AdminEmail, KeyBoxFactory.AdminPassword));

        await SendAsync(alice, HttpMethod.Post, "/api/internal/products", new { name = "Alice's", reference_id = "ALICE-1" }, HttpStatusCode.Created);
        await SendAsync(bob, HttpMethod.Post, "/api/internal/products", new { name = "Bob's", reference_id = "BOB-1" }, HttpStatusCode.Created);

        await SendAsync(alice, HttpMethod.Get, "/api/internal/products/ALICE-1", null, HttpStatusCode.OK);
        var hidden = await SendAsync(bob, HttpMethod.Get, "/api/internal/products/ALICE-1", null, HttpStatusCode.NotFound);
        JsonAssert.IsBoolean(hidden["status"], false, "status");
        await SendAsync(bob, HttpMethod.Put, "/api/internal/products/ALICE-1", new { name = "Taken over" }, HttpStatusCode.NotFound);

        Assert.That(await ListReferenceIdsAsync(alice), Is.EquivalentTo(new[] { "ALICE-1" }));
        Assert.That(await ListReferenceIdsAsync(bob), Is.EquivalentTo(new[] { "BOB-1" }));
        Assert.That(await ListReferenceIdsAsync(admin), Is.EquivalentTo(new[] { "ALICE-1", "BOB-1" }));
        await SendAsync(admin, HttpMethod.Get, "/api/internal/products/ALICE-1", null, HttpStatusCode.OK);
        Assert.That(await ListReferenceIdsAsync(Internal), Is.EquivalentTo(new[] { "ALICE-1", "BOB-1" }), "the bootstrap internal key acts for the admin");
    }

    [Test]
    public async Task An_API_key_issued_by_a_developer_acts_for_that_developer()
    {
        using var alice = await DeveloperClientAsync("alice@example.com");
        using var bob = await DeveloperClientAsync("bob@example.com");
        await SendAsync(alice, HttpMethod.Post, "/api/internal/products", new { name = "Alice's", reference_id = "ALICE-1" }, HttpStatusCode.Created);
        await SendAsync(bob, HttpMethod.Post, "/api/internal/products", new { name = "Bob's", reference_id = "BOB-1" }, HttpStatusCode.Created);

        var created = await SendAsync(alice, HttpMethod.Post, "/api/internal/api-keys", new { name = "alice's key", type = "internal" }, HttpStatusCode.Created);
        using var aliceKey = Server.CreateClientWithKey(created["data"]!["key"]!.GetValue<string>());

        Assert.That(await ListReferenceIdsAsync(aliceKey), Is.EquivalentTo(new[] { "ALICE-1" }));
        await SendAsync(aliceKey, HttpMethod.Get, "/api/internal/products/BOB-1", null, HttpStatusCode.NotFound);
        await SendAsync(aliceKey, HttpMethod.Post, "/api/internal/products", new { name = "Via key", reference_id = "ALICE-2" }, HttpStatusCode.Created);
        await SendAsync(alice, HttpMethod.Get, "/api/internal/products/ALICE-2", null, HttpStatusCode.OK);
        await SendAsync(bob, HttpMethod.Get, "/api/internal/products/ALICE-2", null, HttpStatusCode.NotFound);

        var bobKeys = await SendAsync(bob, HttpMethod.Get, "/api/internal/api-keys", null, HttpStatusCode.OK);
        Assert.That(bobKeys["data"]!.AsArray(), Is.Empty, "Bob does not see Alice's key");
    }

    [Test]
    public async Task Developers_list_and_search_only_their_own_licenses_and_admins_see_all()
    {
        using var alice = await DeveloperClientAsync("alice@example.com");
        using var bob = await DeveloperClientAsync("bob@example.com");
        using var admin = BearerClient(Server, await LogInAsync(KeyBoxFactory.AdminEmail, KeyBoxFactory.AdminPassword));
        await SendAsync(alice, HttpMethod.Post, "/api/internal/products", new { name = "Alice's", reference_id = "ALICE-1" }, HttpStatusCode.Created);
        await SendAsync(bob, HttpMethod.Post, "/api/internal/products", new { name = "Bob's", reference_id = "BOB-1" }, HttpStatusCode.Created);

        // Each developer has a customer referenced "SHARED" (their own), a license coded SHARED-… and one linked to that customer.
        var ids = new Dictionary<string, string>();
        foreach (var (client, product, code) in new[] { (alice, "ALICE-1", "SHARED-A1"), (alice, "ALICE-1", "OTHER-A2"), (bob, "BOB-1", "SHARED-B1"), (bob, "BOB-1", "OTHER-B2") })
        {
            var created = await SendAsync(client, HttpMethod.Post, "/api/internal/product-licenses",
                new { product_reference_id = product, license_code = code, customer_id = "SHARED" }, HttpStatusCode.Created);
            ids[code] = created["data"]!["id"]!.GetValue<string>();
        }

        static async Task<List<string>> Codes(HttpClient client, string query)
        {
            var json = await SendAsync(client, HttpMethod.Get, "/api/internal/product-licenses?" + query, null, HttpStatusCode.OK);
            return json["data"]!.AsArray().Select(l => l!["license_code"]!.GetValue<string>()).ToList();
        }

        // One page at a time, following the cursors: the same licenses in the same order as one large page.
        static async Task<List<string>> Walk(HttpClient client, string query)
        {
            var codes = new List<string>();
            string? cursor = null;
            do
            {
                var json = await SendAsync(client, HttpMethod.Get, $"/api/internal/product-licenses?per_page=1&{query}" + (cursor is null ? "" : $"&cursor={cursor}"), null, HttpStatusCode.OK);
                codes.AddRange(json["data"]!.AsArray().Select(l => l!["license_code"]!.GetValue<string>()));
                cursor = json["meta"]!["next_cursor"]?.GetValue<string>();
            }
            while (cursor is not null && codes.Count < 10);
            return codes;
        }

        Assert.That(await Codes(alice, "per_page=100"), Is.EqualTo(new[] { "SHARED-A1", "OTHER-A2" }));
        Assert.That(await Codes(bob, "per_page=100"), Is.EqualTo(new[] { "SHARED-B1", "OTHER-B2" }));
        Assert.That(await Codes(admin, "per_page=100"), Is.EqualTo(new[] { "SHARED-A1", "OTHER-A2", "SHARED-B1", "OTHER-B2" }));
        Assert.That(await Codes(alice, "search=SHARED"), Is.EqualTo(new[] { "SHARED-A1", "OTHER-A2" }), "code match, then her customer's other license");
        Assert.That(await Codes(bob, "search=SHARED"), Is.EqualTo(new[] { "SHARED-B1", "OTHER-B2" }));
        var all = await Codes(admin, "search=SHARED");
        Assert.That(all.Take(2), Is.EqualTo(new[] { "SHARED-A1", "SHARED-B1" }));
        Assert.That(all.Skip(2), Is.EquivalentTo(new[] { "OTHER-A2", "OTHER-B2" }), "the licenses of both customers referenced SHARED");
        Assert.That(await Walk(admin, "search=SHARED"), Is.EqualTo(all), "the cursor continues from one customer's licenses to the next's");
        Assert.That(await Walk(admin, ""), Is.EqualTo(new[] { "SHARED-A1", "OTHER-A2", "SHARED-B1", "OTHER-B2" }));
        Assert.That(await Walk(bob, "search=SHARED"), Is.EqualTo(new[] { "SHARED-B1", "OTHER-B2" }));

        // Filters and cursors cannot reach what another developer owns.
        Assert.That(await Codes(bob, "product_reference_id=ALICE-1"), Is.Empty);
        Assert.That(await Codes(bob, "search=SHARED-A"), Is.Empty);
        var idCursor = Convert.ToBase64String(Guid.Parse(ids["SHARED-A1"]).ToByteArray(bigEndian: true)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await SendAsync(bob, HttpMethod.Get, $"/api/internal/product-licenses?search=SHARED&cursor={idCursor}", null, HttpStatusCode.UnprocessableEntity);
        Assert.That(await Codes(alice, $"search=SHARED&cursor={idCursor}"), Is.EqualTo(new[] { "OTHER-A2" }));
    }

    [Test]
    public async Task A_developers_external_key_cannot_activate_a_license_of_another_owners_product_held_in_the_read_cache()
    {
        using var alice = await DeveloperClientAsync("alice@example.com");
        using var bob = await DeveloperClientAsync("bob@example.com");
        await SendAsync(alice, HttpMethod.Post, "/api/internal/products", new { name = "Alice's", reference_id = "ALICE-1" }, HttpStatusCode.Created);
        await SendAsync(alice, HttpMethod.Post, "/api/internal/product-licenses", new { product_reference_id = "ALICE-1", license_code = "ALICE-LIC-1" }, HttpStatusCode.Created);
        using var aliceKey = ExternalKeyClient(await SendAsync(alice, HttpMethod.Post, "/api/internal/api-keys", new { name = "alice's shop", type = "external" }, HttpStatusCode.Created));
        using var bobKey = ExternalKeyClient(await SendAsync(bob, HttpMethod.Post, "/api/internal/api-keys", new { name = "bob's shop", type = "external" }, HttpStatusCode.Created));

        // Alice's activations put her product in this process's read cache.
        await SendAsync(aliceKey, HttpMethod.Post, "/api/external/license/activate", new { product_id = "ALICE-1", license_code = "ALICE-LIC-1" }, HttpStatusCode.OK);
        await SendAsync(aliceKey, HttpMethod.Post, "/api/external/license/activate", new { product_id = "ALICE-1", license_code = "ALICE-LIC-1" }, HttpStatusCode.OK);
        Assert.That(Server.Services.GetRequiredService<ReadCache>().TryGetProduct("ALICE-1", out _), Is.True, "the product is cached");

        var refused = await SendAsync(bobKey, HttpMethod.Post, "/api/external/license/activate", new { product_id = "ALICE-1", license_code = "ALICE-LIC-1" }, HttpStatusCode.NotFound);
        Assert.That(refused["code"]!.GetValue<string>(), Is.EqualTo("PRODUCT_NOT_FOUND"));
    }

    private HttpClient ExternalKeyClient(JsonObject created)
    {
        var client = Server.CreateClientWithKey(created["data"]!["key"]!.GetValue<string>());
        client.DefaultRequestHeaders.Add("X-API-URL", "https://shop.example.com/");
        return client;
    }

    private static async Task<List<string>> ListReferenceIdsAsync(HttpClient client)
    {
        var json = await SendAsync(client, HttpMethod.Get, "/api/internal/products?per_page=100", null, HttpStatusCode.OK);
        return json["data"]!.AsArray().Select(p => p!["reference_id"]!.GetValue<string>()).ToList();
    }
}
