using System.Net;
using KeyBox.WebApi.IntegrationTests.Testing;

namespace KeyBox.WebApi.IntegrationTests.Legacy;

/// <summary>The legacy routes and the external API run the same use cases: one token, one set of seats.</summary>
public sealed class LicenseBoxCrossSurfaceTests : IntegrationTest
{
    private const string Product = LicenseBoxClient.ProductId;
    private const string Site = "https://shop.example/install/index.php";

    private async Task LicenseAsync(string code, int parallelUses = 1)
    {
        await CreateProductAsync(Product);
        await CreateLicenseAsync(Product, new { license_code = code, parallel_uses = parallelUses });
    }

    [Test]
    public async Task Activated_through_the_legacy_route_verifies_and_deactivates_through_the_external_api()
    {
        await LicenseAsync("CROSS-00001");
        using var legacy = new LicenseBoxClient(Server, Site);
        using var external = ClientAt(Site);
        var licenseFile = (await legacy.ActivateAsync("CROSS-00001"))["lic_response"]!.GetValue<string>();

        var verified = await SendAsync(external, HttpMethod.Post, "/api/external/license/verify", new { product_id = Product, license_data = licenseFile }, HttpStatusCode.OK);
        JsonAssert.IsBoolean(verified["is_active"], true, "is_active");
        await SendAsync(external, HttpMethod.Post, "/api/external/license/deactivate", new { product_id = Product, license_file = licenseFile }, HttpStatusCode.OK);

        await legacy.VerifyFileAsync(licenseFile, expected: false);
    }

    [Test]
    public async Task Activated_through_the_external_api_verifies_and_deactivates_through_the_legacy_routes()
    {
        await LicenseAsync("CROSS-00002");
        using var external = ClientAt(Site);
        using var legacy = new LicenseBoxClient(Server, Site);
        var token = (await SendAsync(external, HttpMethod.Post, "/api/external/license/activate", new { product_id = Product, license_code = "CROSS-00002" }, HttpStatusCode.OK))["lic_response"]!.GetValue<string>();

        await legacy.VerifyFileAsync(token);
        await legacy.VerifyCodeAsync("CROSS-00002");
        await legacy.DeactivateFileAsync(token);

        var after = await SendAsync(external, HttpMethod.Post, "/api/external/license/verify", new { product_id = Product, license_data = token }, HttpStatusCode.NotFound);
        Assert.That(after["code"]!.GetValue<string>(), Is.EqualTo("ACTIVATION_NOT_FOUND"));
    }

    [Test]
    public async Task Seats_are_shared_between_the_surfaces()
    {
        await LicenseAsync("CROSS-SEATS", parallelUses: 1);
        using var legacyA = new LicenseBoxClient(Server, "https://a.example/index.php");
        using var externalB = ClientAt("https://b.example");
        using var legacyB = new LicenseBoxClient(Server, "https://b.example/index.php");

        var fileA = (await legacyA.ActivateAsync("CROSS-SEATS"))["lic_response"]!.GetValue<string>();
        var refused = await SendAsync(externalB, HttpMethod.Post, "/api/external/license/activate", new { product_id = Product, license_code = "CROSS-SEATS" }, HttpStatusCode.Forbidden);
        Assert.That(refused["code"]!.GetValue<string>(), Is.EqualTo("ACTIVATION_LIMIT_REACHED"));
        await legacyB.ActivateAsync("CROSS-SEATS", expected: false);

        await legacyA.DeactivateFileAsync(fileA);
        var tokenB = (await SendAsync(externalB, HttpMethod.Post, "/api/external/license/activate", new { product_id = Product, license_code = "CROSS-SEATS" }, HttpStatusCode.OK))["lic_response"]!.GetValue<string>();
        await legacyB.VerifyFileAsync(tokenB);
        await legacyA.ActivateAsync("CROSS-SEATS", expected: false);

        var check = await legacyA.CallAsync("check_license", true, ("license_code", "CROSS-SEATS"));
        Assert.That(check["data"]!["active_activations"]!.GetValue<int>(), Is.EqualTo(1));
    }

    [Test]
    public async Task A_license_file_from_the_legacy_route_downloads_through_the_external_api()
    {
        await CreateProductAsync(Product, new { license_update = true });
        await CreateVersionAsync(Product, "v1.1.0", "1.1.0");
        byte[] zip = [0x50, 0x4B, 0x03, 0x04, 9, 8, 7];
        await Updates.UpdateFiles.UploadAsync(Internal, Product, "v1.1.0", "main", zip);
        await CreateLicenseAsync(Product, new { license_code = "CROSS-DL-01" });
        using var legacy = new LicenseBoxClient(Server, Site);
        var licenseFile = (await legacy.ActivateAsync("CROSS-DL-01"))["lic_response"]!.GetValue<string>();

        using var external = ClientAt(Site);
        using var response = await external.PostAsync("/api/external/update/v1.1.0/download/main", Json(new { license_data = licenseFile }));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.EqualTo(zip));
    }
}
