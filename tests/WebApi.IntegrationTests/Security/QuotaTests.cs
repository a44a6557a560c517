using System.Net;
using System.Net.Http.Headers;
using KeyBox.WebApi.IntegrationTests.KeyBoxApi;
using KeyBox.WebApi.IntegrationTests.Testing;

namespace KeyBox.WebApi.IntegrationTests.Security;

/// <summary>Issue 14 item 5: per-account quotas for developers; admins are not limited.</summary>
public sealed class QuotaTests : KeyBoxApiTest
{
    private static KeyBoxFactory Limited() => new(new Dictionary<string, string?>
    {
        ["Quotas:MaxProducts"] = "2",
        ["Quotas:MaxLicenses"] = "2",
        ["Quotas:MaxWebhookEndpoints"] = "1",
        ["Quotas:MaxStoredBytes"] = "10",
    });

    [Test]
    public async Task A_developer_beyond_a_quota_is_refused_with_403_QUOTA_EXCEEDED_on_each_surface()
    {
        await using var server = Limited();
        await SignUpAsync("dev@example.com");
        using var developer = BearerClient(server, await LogInAsync("dev@example.com"));

        await SendAsync(developer, HttpMethod.Post, "/api/internal/products", new { name = "One", reference_id = "DEV-1" }, HttpStatusCode.Created);
        var project = await DataAsync(developer, HttpMethod.Post, "/projects", new { name = "Two" }, HttpStatusCode.Created);
        var internalRefusal = await SendAsync(developer, HttpMethod.Post, "/api/internal/products", new { name = "Three", reference_id = "DEV-3" }, HttpStatusCode.Forbidden);
        JsonAssert.IsBoolean(internalRefusal["status"], false, "status");
        Assert.That(internalRefusal["message"]!.GetValue<string>(), Does.Contain("at most 2 products"));
        var keyBoxRefusal = await SendAsync(developer, HttpMethod.Post, "/projects", new { name = "Three" }, HttpStatusCode.Forbidden);
        Assert.That(keyBoxRefusal["error"]!.GetValue<string>(), Is.EqualTo("QUOTA_EXCEEDED"));

        var client = await CreateClientAsync(developer);
        await CreateKeyBoxLicenseAsync(developer, Id(client), Id(project["project"]));
        await SendAsync(developer, HttpMethod.Post, "/api/internal/product-licenses", new { product_reference_id = "DEV-1" }, HttpStatusCode.Created);
        var licenseRefusal = await SendAsync(developer, HttpMethod.Post, "/license/create", new { duration = 1, clientId = Id(client), projectId = Id(project["project"]) }, HttpStatusCode.Forbidden);
        Assert.That(licenseRefusal["error"]!.GetValue<string>(), Is.EqualTo("QUOTA_EXCEEDED"));
        await SendAsync(developer, HttpMethod.Post, "/api/internal/product-licenses", new { product_reference_id = "DEV-1" }, HttpStatusCode.Forbidden);

        await SendAsync(developer, HttpMethod.Post, "/api/internal/webhooks", new { url = "https://example.com/one" }, HttpStatusCode.Created);
        await SendAsync(developer, HttpMethod.Post, "/api/internal/webhooks", new { url = "https://example.com/two" }, HttpStatusCode.Forbidden);

        await SendAsync(developer, HttpMethod.Post, "/api/internal/products/DEV-1/versions", new { version_id = "v1", version = "1.0.0" }, HttpStatusCode.Created);
        using var small = new ByteArrayContent("12345"u8.ToArray());
        small.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        using var fits = await developer.PutAsync("/api/internal/products/DEV-1/versions/v1/files/sql", small);
        Assert.That(fits.StatusCode, Is.EqualTo(HttpStatusCode.OK), await fits.Content.ReadAsStringAsync());
        using var large = new ByteArrayContent("1234567890"u8.ToArray());
        large.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        using var tooMuch = await developer.PutAsync("/api/internal/products/DEV-1/versions/v1/files/main", large);
        Assert.That(tooMuch.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), await tooMuch.Content.ReadAsStringAsync());
        using var replacing = new ByteArrayContent("1234567890"u8.ToArray());
        replacing.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        using var replaced = await developer.PutAsync("/api/internal/products/DEV-1/versions/v1/files/sql", replacing);
        Assert.That(replaced.StatusCode, Is.EqualTo(HttpStatusCode.OK), "replacing a file frees its bytes first");
    }

    [Test]
    public async Task A_product_has_at_most_the_configured_number_of_versions_whoever_creates_them()
    {
        await using var server = new KeyBoxFactory(new Dictionary<string, string?> { ["Quotas:MaxVersionsPerProduct"] = "2" });
        using var admin = server.CreateClient();
        admin.DefaultRequestHeaders.Add("X-API-KEY", KeyBoxFactory.InternalKey);
        await SendAsync(admin, HttpMethod.Post, "/api/internal/products", new { name = "Versioned", reference_id = "VER-1" }, HttpStatusCode.Created);
        await SendAsync(admin, HttpMethod.Post, "/api/internal/products/VER-1/versions", new { version_id = "v1", version = "1.0.0" }, HttpStatusCode.Created);
        await SendAsync(admin, HttpMethod.Post, "/api/internal/products/VER-1/versions", new { version_id = "v2", version = "2.0.0" }, HttpStatusCode.Created);

        var refused = await SendAsync(admin, HttpMethod.Post, "/api/internal/products/VER-1/versions", new { version_id = "v3", version = "3.0.0" }, HttpStatusCode.Forbidden);
        JsonAssert.IsBoolean(refused["status"], false, "status");
        Assert.That(refused["message"]!.GetValue<string>(), Does.Contain("at most 2 versions"));
        var list = await SendAsync(admin, HttpMethod.Get, "/api/internal/products/VER-1/versions", null, HttpStatusCode.OK);
        Assert.That(list["data"]!.AsArray(), Has.Count.EqualTo(2), "the refused version was not created");
    }

    [Test]
    public async Task An_admin_is_not_limited()
    {
        await using var server = Limited();
        using var admin = server.CreateClientWithKey(KeyBoxFactory.InternalKey);
        for (var i = 0; i < 3; i++)
        {
            await SendAsync(admin, HttpMethod.Post, "/api/internal/products", new { name = $"P{i}", reference_id = $"ADMIN-{i}" }, HttpStatusCode.Created);
            await SendAsync(admin, HttpMethod.Post, "/api/internal/product-licenses", new { product_reference_id = "ADMIN-0" }, HttpStatusCode.Created);
        }
    }
}
