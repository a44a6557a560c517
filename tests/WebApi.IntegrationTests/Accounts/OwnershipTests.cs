using System.Net;
using KeyBox.WebApi.IntegrationTests.Testing;

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

    private static async Task<List<string>> ListReferenceIdsAsync(HttpClient client)
    {
        var json = await SendAsync(client, HttpMethod.Get, "/api/internal/products?per_page=100", null, HttpStatusCode.OK);
        return json["data"]!.AsArray().Select(p => p!["reference_id"]!.GetValue<string>()).ToList();
    }
}
