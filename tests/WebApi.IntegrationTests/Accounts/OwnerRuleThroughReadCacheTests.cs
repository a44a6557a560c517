using System.Net;
using System.Text.Json.Nodes;
using KeyBox.Application.Common.Interfaces;
using KeyBox.Infrastructure.ReadModel;
using KeyBox.WebApi.IntegrationTests.Legacy;
using KeyBox.WebApi.IntegrationTests.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace KeyBox.WebApi.IntegrationTests.Accounts;

/// <summary>
/// The owner rule (<see cref="ICurrentActor.CanSee"/>) holds on every surface whether the read cache answers or the
/// database does: the read cache holds every owner's rows, so each test runs once with Alice's rows cached by her own
/// key (hits) and once with the cache emptied (misses), and then asks as Bob.
/// </summary>
public sealed class OwnerRuleThroughReadCacheTests : AccountsTest
{
    private const string Product = LicenseBoxClient.ProductId;
    private const string Site = "https://shop.example.com/";

    [TestCase(true)]
    [TestCase(false)]
    public async Task External_a_second_owners_key_neither_verifies_nor_checks_updates_of_the_first_owners_rows(bool warm)
    {
        var (aliceKey, bobKey) = await TwoOwnersAsync();
        using var alice = KeyClient(aliceKey);
        using var bob = KeyClient(bobKey);
        var token = (await SendAsync(alice, HttpMethod.Post, "/api/external/license/activate", new { product_id = Product, license_code = "ALICE-LIC-1" }, HttpStatusCode.OK))["lic_response"]!.GetValue<string>();
        await WarmOrEmptyAsync(warm, async () =>
        {
            await SendAsync(alice, HttpMethod.Post, "/api/external/license/verify", new { product_id = Product, license_data = token }, HttpStatusCode.OK);
            await SendAsync(alice, HttpMethod.Post, "/api/external/update/check", new { product_id = Product, current_version = "1.0.0" }, HttpStatusCode.OK);
        });

        var verify = await SendAsync(bob, HttpMethod.Post, "/api/external/license/verify", new { product_id = Product, license_data = token }, HttpStatusCode.Forbidden);
        Assert.That(verify["code"]!.GetValue<string>(), Is.EqualTo("LICENSE_DATA_INVALID"));
        var update = await SendAsync(bob, HttpMethod.Post, "/api/external/update/check", new { product_id = Product, current_version = "1.0.0" }, HttpStatusCode.NotFound);
        Assert.That(update["code"]!.GetValue<string>(), Is.EqualTo("PRODUCT_NOT_FOUND"));
        var activate = await SendAsync(bob, HttpMethod.Post, "/api/external/license/activate", new { product_id = Product, license_code = "ALICE-LIC-1" }, HttpStatusCode.NotFound);
        Assert.That(activate["code"]!.GetValue<string>(), Is.EqualTo("PRODUCT_NOT_FOUND"));

        // Alice herself is still served (the rule hides, it does not break).
        await SendAsync(alice, HttpMethod.Post, "/api/external/license/verify", new { product_id = Product, license_data = token }, HttpStatusCode.OK);
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task Legacy_a_second_owners_key_neither_verifies_nor_checks_updates_of_the_first_owners_rows(bool warm)
    {
        var (aliceKey, bobKey) = await TwoOwnersAsync();
        using var alice = new LicenseBoxClient(Server, apiKey: aliceKey);
        using var bob = new LicenseBoxClient(Server, apiKey: bobKey);
        var file = (await alice.ActivateAsync("ALICE-LIC-1"))["lic_response"]!.GetValue<string>();
        await WarmOrEmptyAsync(warm, async () =>
        {
            await alice.VerifyFileAsync(file);
            await alice.CheckUpdateAsync("v1.0.0", expected: false);
        });

        await bob.VerifyFileAsync(file, expected: false);
        await bob.VerifyCodeAsync("ALICE-LIC-1", expected: false);
        var update = await bob.CheckUpdateAsync("v1.0.0", expected: false);
        Assert.That(update["message"]!.GetValue<string>(), Does.Contain("not found").IgnoreCase);
        await alice.VerifyFileAsync(file);
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task Internal_a_second_owner_sees_nothing_of_the_first_owners_rows(bool warm)
    {
        var (aliceKey, _) = await TwoOwnersAsync();
        using var alice = KeyClient(aliceKey);
        await SendAsync(alice, HttpMethod.Post, "/api/external/license/activate", new { product_id = Product, license_code = "ALICE-LIC-1" }, HttpStatusCode.OK);
        await WarmOrEmptyAsync(warm, () => SendAsync(alice, HttpMethod.Post, "/api/external/update/check", new { product_id = Product, current_version = "1.0.0" }, HttpStatusCode.OK));

        using var bob = BearerClient(Server, await LogInAsync("bob@example.com"));
        await SendAsync(bob, HttpMethod.Get, $"/api/internal/products/{Product}", null, HttpStatusCode.NotFound);
        var licenses = await SendAsync(bob, HttpMethod.Get, "/api/internal/product-licenses?search=ALICE", null, HttpStatusCode.OK);
        Assert.That(licenses["data"]!.AsArray(), Is.Empty);
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task KeyBox_a_license_validated_anonymously_stays_invisible_to_a_second_owners_key(bool warm)
    {
        var (aliceKey, bobKey) = await TwoOwnersAsync();
        using var alice = KeyClient(aliceKey);
        await SendAsync(alice, HttpMethod.Post, "/api/external/license/activate", new { product_id = Product, license_code = "ALICE-LIC-1" }, HttpStatusCode.OK);

        // /validate is anonymous (the key is the credential, it sees every owner's licenses): it fills the license cache.
        await WarmOrEmptyAsync(warm, () => SendAsync(Anonymous, HttpMethod.Post, "/validate", new { key = "ALICE-LIC-1", machineId = "m1", instanceId = "i1" }, HttpStatusCode.OK));

        Assert.That(Server.Services.GetRequiredService<ReadCache>().TryGetLicense("ALICE-LIC-1", out _), Is.EqualTo(warm), "the license is cached when warm");

        using var bob = KeyClient(bobKey);
        await SendAsync(bob, HttpMethod.Post, "/api/external/license/verify", new { product_id = Product, license_code = "ALICE-LIC-1" }, HttpStatusCode.NotFound);
        var activate = await SendAsync(bob, HttpMethod.Post, "/api/external/license/activate", new { license_code = "ALICE-LIC-1" }, HttpStatusCode.NotFound);
        Assert.That(activate["code"]!.GetValue<string>(), Is.EqualTo("LICENSE_NOT_FOUND"));
    }

    /// <summary>Alice owns product <see cref="Product"/> and license ALICE-LIC-1; both developers have an external key.</summary>
    private async Task<(string Alice, string Bob)> TwoOwnersAsync()
    {
        using var alice = await DeveloperClientAsync("alice@example.com");
        using var bob = await DeveloperClientAsync("bob@example.com");
        await SendAsync(alice, HttpMethod.Post, "/api/internal/products", new { name = "Alice's", reference_id = Product }, HttpStatusCode.Created);
        await SendAsync(alice, HttpMethod.Post, "/api/internal/product-licenses", new { product_reference_id = Product, license_code = "ALICE-LIC-1" }, HttpStatusCode.Created);
        return (await KeyAsync(alice), await KeyAsync(bob));
    }

    private static async Task<string> KeyAsync(HttpClient developer) =>
        (await SendAsync(developer, HttpMethod.Post, "/api/internal/api-keys", new { name = "shop", type = "external" }, HttpStatusCode.Created))["data"]!["key"]!.GetValue<string>();

    private HttpClient KeyClient(string key)
    {
        var client = Server.CreateClientWithKey(key);
        client.DefaultRequestHeaders.Add("X-API-URL", Site);
        return client;
    }

    /// <summary>Warm: Alice's own requests fill the read cache (and it is checked that they did). Cold: the cache is emptied.</summary>
    private async Task WarmOrEmptyAsync(bool warm, Func<Task> alicesRequests)
    {
        var cache = Server.Services.GetRequiredService<ReadCache>();
        if (warm)
        {
            await alicesRequests();
            Assert.That(cache.TryGetProduct(Product, out _), Is.True, "Alice's product is cached");
            Assert.That(cache.IsServing, Is.True, "the read cache serves");
        }
        else
        {
            cache.InvalidateAll();
            Assert.That(cache.TryGetProduct(Product, out _), Is.False, "nothing is cached");
        }
    }
}
