using System.Net;
using System.Text.Json.Nodes;
using KeyBox.WebApi.IntegrationTests.Testing;

namespace KeyBox.WebApi.IntegrationTests.Updates;

/// <summary>The update rule: licensed products' files go only to usable activations whose update period covers the release.</summary>
public sealed class DownloadEntitlementTests : IntegrationTest
{
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4, 5];
    private const string Site = "https://client.example";

    private async Task<(HttpClient Client, string Token, string LicenseId)> ReleaseAndActivateAsync(object? licenseExtra = null, bool licenseUpdate = true)
    {
        await CreateProductAsync("PROD-001", new { license_update = licenseUpdate });
        await CreateVersionAsync("PROD-001", "v1.0.0", "1.0.0", new { released_at = "2025-06-01" });
        await UpdateFiles.UploadAsync(Internal, "PROD-001", "v1.0.0", "main", Zip);
        var license = await CreateLicenseAsync("PROD-001", licenseExtra);
        var client = ClientAt(Site);
        var activated = await SendAsync(client, HttpMethod.Post, "/api/external/license/activate",
            new { product_id = "PROD-001", license_code = license["license_code"]!.GetValue<string>() }, HttpStatusCode.OK);
        return (client, activated["lic_response"]!.GetValue<string>(), license["id"]!.GetValue<string>());
    }

    private static async Task<(HttpStatusCode Status, byte[] Body)> DownloadAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsync("/api/external/update/v1.0.0/download/main", Json(body));
        return (response.StatusCode, await response.Content.ReadAsByteArrayAsync());
    }

    private static string CodeOf(byte[] body) => JsonNode.Parse(body)!["code"]!.GetValue<string>();

    [Test]
    public async Task A_usable_activation_downloads_even_without_product_id()
    {
        var (client, token, _) = await ReleaseAndActivateAsync();
        var (status, body) = await DownloadAsync(client, new { license_data = token });
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body, Is.EqualTo(Zip));
        client.Dispose();
    }

    [Test]
    public async Task Missing_or_tampered_license_data_is_refused()
    {
        var (client, token, _) = await ReleaseAndActivateAsync();
        var (missing, missingBody) = await DownloadAsync(client, new { product_id = "PROD-001" });
        Assert.That(missing, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(CodeOf(missingBody), Is.EqualTo("LICENSE_DATA_INVALID"));

        var tampered = token[..10] + (token[10] == 'Q' ? 'R' : 'Q') + token[11..];
        var (status, body) = await DownloadAsync(client, new { product_id = "PROD-001", license_data = tampered });
        Assert.That(status, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(CodeOf(body), Is.EqualTo("LICENSE_DATA_INVALID"));
        client.Dispose();
    }

    [Test]
    public async Task A_token_downloads_only_from_the_site_it_was_activated_at()
    {
        var (client, token, _) = await ReleaseAndActivateAsync();
        using var thief = ClientAt("https://thief.example");
        using var noUrl = Server.CreateClientWithKey(KeyBoxFactory.ExternalKey);

        var (stolen, stolenBody) = await DownloadAsync(thief, new { product_id = "PROD-001", license_data = token });
        var (unplaced, unplacedBody) = await DownloadAsync(noUrl, new { product_id = "PROD-001", license_data = token });

        Assert.That(stolen, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(CodeOf(stolenBody), Is.EqualTo("LICENSE_DATA_INVALID"));
        Assert.That(unplaced, Is.EqualTo(HttpStatusCode.Forbidden), "a token presented without X-API-URL proves no place");
        Assert.That(CodeOf(unplacedBody), Is.EqualTo("LICENSE_DATA_INVALID"));
        Assert.That((await DownloadAsync(client, new { product_id = "PROD-001", license_data = token })).Body, Is.EqualTo(Zip));
        client.Dispose();
    }

    [Test]
    public async Task A_download_applies_the_licenses_IP_allow_list_as_verify_does()
    {
        await CreateProductAsync("PROD-001", new { license_update = true });
        await CreateVersionAsync("PROD-001", "v1.0.0", "1.0.0", new { released_at = "2025-06-01" });
        await UpdateFiles.UploadAsync(Internal, "PROD-001", "v1.0.0", "main", Zip);
        await CreateLicenseAsync("PROD-001", new { license_code = "IPS-DL-0001", ips = new[] { "203.0.113.7" } });
        using var allowed = ClientAt(Site, "203.0.113.7");
        using var elsewhere = ClientAt(Site, "198.51.100.9");
        var token = (await SendAsync(allowed, HttpMethod.Post, "/api/external/license/activate",
            new { product_id = "PROD-001", license_code = "IPS-DL-0001" }, HttpStatusCode.OK))["lic_response"]!.GetValue<string>();

        var verify = await SendAsync(elsewhere, HttpMethod.Post, "/api/external/license/verify", new { product_id = "PROD-001", license_data = token }, HttpStatusCode.Forbidden);
        var (status, body) = await DownloadAsync(elsewhere, new { product_id = "PROD-001", license_data = token });

        Assert.That(verify["code"]!.GetValue<string>(), Is.EqualTo("IP_NOT_ALLOWED"));
        Assert.That(status, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(CodeOf(body), Is.EqualTo("IP_NOT_ALLOWED"));
        Assert.That((await DownloadAsync(allowed, new { product_id = "PROD-001", license_data = token })).Body, Is.EqualTo(Zip));
    }

    [Test]
    public async Task A_blocked_license_cannot_download()
    {
        var (client, token, id) = await ReleaseAndActivateAsync();
        await SendAsync(Internal, HttpMethod.Post, $"/api/internal/blocked-product-licenses/{id}", null, HttpStatusCode.OK);
        var (status, body) = await DownloadAsync(client, new { product_id = "PROD-001", license_data = token });
        Assert.That(status, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(CodeOf(body), Is.EqualTo("LICENSE_BLOCKED"));
        client.Dispose();
    }

    [TestCase("2025-05-31", false)]
    [TestCase("2025-06-01", true)]
    [TestCase("2026-01-01", true)]
    public async Task Updates_until_must_not_be_before_the_release(string updatesUntil, bool allowed)
    {
        var (client, token, _) = await ReleaseAndActivateAsync(new { updates_until = updatesUntil });
        var (status, body) = await DownloadAsync(client, new { product_id = "PROD-001", license_data = token });
        Assert.That(status, Is.EqualTo(allowed ? HttpStatusCode.OK : HttpStatusCode.Forbidden));
        if (!allowed)
        {
            Assert.That(CodeOf(body), Is.EqualTo("UPDATES_EXPIRED"));
        }

        client.Dispose();
    }

    [Test]
    public async Task Products_not_requiring_a_license_serve_anyone_with_a_key()
    {
        var (client, _, _) = await ReleaseAndActivateAsync(new { updates_until = "2020-01-01" }, licenseUpdate: false);
        var (status, body) = await DownloadAsync(client, new { product_id = "PROD-001" });
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body, Is.EqualTo(Zip));
        client.Dispose();
    }
}
