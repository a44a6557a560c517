using System.Net;
using System.Text.Json.Nodes;
using KeyBox.WebApi.IntegrationTests.Testing;
using KeyBox.WebApi.IntegrationTests.Updates;

namespace KeyBox.WebApi.IntegrationTests.Legacy;

/// <summary>LicenseBox update checks, sizes and downloads, as the PHP helper's <c>check_update</c> and <c>download_update</c> make them.</summary>
public sealed class LicenseBoxUpdateTests : IntegrationTest
{
    private const string Product = LicenseBoxClient.ProductId;
    private static readonly byte[] MainZip = UpdateFiles.Bytes(70_000, seed: 11);
    private static readonly byte[] SqlFile = "ALTER TABLE items ADD COLUMN note text;\n"u8.ToArray();

    private static readonly string[] UpdateFields = ["status", "message", "version", "release_date", "summary", "changelog", "update_id", "has_sql"];

    /// <summary>v1.0.0 (installed), v1.1.0 with main + sql files, v1.2.0 with a main file.</summary>
    private async Task CatalogueAsync(bool serveLatest = false, bool licenseUpdate = false, string product = Product)
    {
        await CreateProductAsync(product, new { serve_latest_updates = serveLatest, license_update = licenseUpdate });
        await CreateVersionAsync(product, "v1.0.0", "v1.0.0", new { released_at = "2025-01-15" });
        await CreateVersionAsync(product, "v1.1.0", "v1.1.0", new { released_at = "2025-03-01T22:30:00Z", summary = "Fixes", changelog = "<ul><li>Fix</li></ul>" });
        await CreateVersionAsync(product, "v1.2.0", "v1.2.0", new { released_at = "2025-06-01" });
        await UpdateFiles.UploadAsync(Internal, product, "v1.1.0", "main", MainZip);
        await UpdateFiles.UploadAsync(Internal, product, "v1.1.0", "sql", SqlFile);
        await UpdateFiles.UploadAsync(Internal, product, "v1.2.0", "main", UpdateFiles.Bytes(1000, seed: 12));
    }

    private async Task<string> VersionGuidAsync(string product, string versionId) =>
        (await SendAsync(Internal, HttpMethod.Get, $"/api/internal/products/{product}/versions/{versionId}", null, HttpStatusCode.OK))["data"]!["id"]!.GetValue<string>();

    [Test]
    public async Task The_full_client_journey_activate_verify_update_download_deactivate()
    {
        await CatalogueAsync(licenseUpdate: true);
        await SendAsync(Internal, HttpMethod.Post, "/api/internal/product-licenses", new { product_reference_id = Product, license_code = "LB-FULL-0001" }, HttpStatusCode.Created);
        using var client = new LicenseBoxClient(Server);

        var licenseFile = (await client.ActivateAsync("LB-FULL-0001"))["lic_response"]!.GetValue<string>().Trim();
        await client.VerifyFileAsync(licenseFile);
        await client.VerifyCodeAsync("LB-FULL-0001");

        var update = await client.CheckUpdateAsync("v1.0.0", expected: true);
        Assert.That(update["version"]!.GetValue<string>(), Is.EqualTo("v1.1.0"), "the next version, not the newest");
        JsonAssert.IsBoolean(update["has_sql"], true, "has_sql");
        var updateId = update["update_id"]!.GetValue<string>();

        var (sizeStatus, size) = await client.SizeAsync("main", updateId);
        Assert.That(sizeStatus, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(size, Is.EqualTo(MainZip.Length));
        var (status, main, mainType) = await client.DownloadAsync("main", updateId, licenseFile: licenseFile);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(mainType, Is.EqualTo("application/zip"));
        Assert.That(main, Is.EqualTo(MainZip));

        (sizeStatus, size) = await client.SizeAsync("sql", updateId);
        Assert.That(size, Is.EqualTo(SqlFile.Length));
        var (sqlStatus, sql, _) = await client.DownloadAsync("sql", updateId, licenseFile: licenseFile);
        Assert.That(sqlStatus, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(sql, Is.EqualTo(SqlFile));

        await client.DeactivateFileAsync(licenseFile);
        await client.VerifyFileAsync(licenseFile, expected: false);
        var (afterStatus, _, _) = await client.DownloadAsync("main", updateId, licenseFile: licenseFile);
        Assert.That(afterStatus, Is.EqualTo(HttpStatusCode.Unauthorized), "a deactivated license no longer downloads");
    }

    [Test]
    public async Task Check_update_offers_the_next_version_with_exactly_the_fields_the_client_reads()
    {
        await CatalogueAsync();
        using var client = new LicenseBoxClient(Server);

        var json = await client.CheckUpdateAsync("v1.0.0", expected: true);

        Assert.That(json.Select(p => p.Key), Is.EqualTo(UpdateFields));
        Assert.That(json["message"]!.GetValue<string>(), Is.EqualTo($"New version (v1.1.0) available for Product {Product}!"));
        Assert.That(LegacyJson.String(json, "version"), Is.EqualTo("v1.1.0"));
        Assert.That(LegacyJson.String(json, "release_date"), Is.EqualTo("2025-03-01"));
        Assert.That(LegacyJson.String(json, "summary"), Is.EqualTo("Fixes"));
        Assert.That(LegacyJson.String(json, "changelog"), Is.EqualTo("<ul><li>Fix</li></ul>"));
        Assert.That(LegacyJson.String(json, "update_id"), Is.EqualTo(await VersionGuidAsync(Product, "v1.1.0")));
        JsonAssert.IsBoolean(json["has_sql"], true, "has_sql");

        var next = await client.CheckUpdateAsync("v1.1.0", expected: true);
        Assert.That(next["version"]!.GetValue<string>(), Is.EqualTo("v1.2.0"));
        JsonAssert.IsBoolean(next["has_sql"], false, "has_sql");
    }

    [Test]
    public async Task Products_serving_latest_updates_offer_the_newest_version()
    {
        await CatalogueAsync(serveLatest: true);
        using var client = new LicenseBoxClient(Server);
        var json = await client.CheckUpdateAsync("v1.0.0", expected: true);
        Assert.That(json["version"]!.GetValue<string>(), Is.EqualTo("v1.2.0"));
    }

    [Test]
    public async Task No_update_is_200_with_status_false_and_a_message_only()
    {
        await CatalogueAsync();
        using var client = new LicenseBoxClient(Server);
        var json = await client.CheckUpdateAsync("v1.2.0", expected: false);
        Assert.That(json.ToJsonString(), Is.EqualTo($$"""{"status":false,"message":"You are using the latest version of Product {{Product}}."}"""));
    }

    [Test]
    public async Task Check_update_failures_are_200_with_status_false()
    {
        await CatalogueAsync();
        using var client = new LicenseBoxClient(Server);
        var unknown = await client.CheckUpdateAsync("v1.0.0", expected: false, productId: "NOPE");
        Assert.That(unknown["message"]!.GetValue<string>(), Does.Contain("NOPE"));
        var garbage = await client.CheckUpdateAsync("latest-and-greatest", expected: false);
        Assert.That(garbage["message"]!.GetValue<string>(), Does.Contain("current_version"));
        await client.CallAsync("check_update", false);
    }

    [Test]
    public async Task Latest_version_has_the_documented_shape()
    {
        await CatalogueAsync();
        using var client = new LicenseBoxClient(Server);
        var json = await client.CallAsync("latest_version", true, ("product_id", Product));

        Assert.That(json.Select(p => p.Key), Is.EqualTo(new[]
        {
            "status", "message", "product_name", "latest_version", "release_date", "summary", "changelog", "update_id", "has_sql",
        }));
        Assert.That(json["message"]!.GetValue<string>(), Is.EqualTo($"Latest version of Product {Product} is v1.2.0"));
        Assert.That(LegacyJson.String(json, "product_name"), Is.EqualTo($"Product {Product}"));
        Assert.That(LegacyJson.String(json, "latest_version"), Is.EqualTo("v1.2.0"));
        Assert.That(LegacyJson.String(json, "release_date"), Is.EqualTo("2025-06-01"));
        LegacyJson.IsNullField(json, "summary");
        Assert.That(LegacyJson.String(json, "update_id"), Is.EqualTo(await VersionGuidAsync(Product, "v1.2.0")));
        JsonAssert.IsBoolean(json["has_sql"], false, "has_sql");

        await CreateProductAsync("EMPTY");
        var none = await client.CallAsync("latest_version", false, ("product_id", "EMPTY"));
        Assert.That(none["message"]!.GetValue<string>(), Does.Contain("no released version"));
    }

    [Test]
    public async Task Update_ids_are_unique_across_products_and_need_no_product_id()
    {
        await CatalogueAsync(product: "ALPHA");
        await CreateProductAsync("BETA");
        await CreateVersionAsync("BETA", "v1.1.0", "v1.1.0");
        var betaZip = UpdateFiles.Bytes(5000, seed: 99);
        await UpdateFiles.UploadAsync(Internal, "BETA", "v1.1.0", "main", betaZip);
        using var client = new LicenseBoxClient(Server);

        var alpha = (await client.CheckUpdateAsync("v1.0.0", expected: true, productId: "ALPHA"))["update_id"]!.GetValue<string>();
        var beta = (await client.CheckUpdateAsync("v1.0.0", expected: true, productId: "BETA"))["update_id"]!.GetValue<string>();
        Assert.That(alpha, Is.Not.EqualTo(beta));

        Assert.That((await client.SizeAsync("main", beta)).Size, Is.EqualTo(betaZip.Length));
        Assert.That((await client.DownloadAsync("main", alpha)).Body, Is.EqualTo(MainZip));
        Assert.That((await client.DownloadAsync("main", beta)).Body, Is.EqualTo(betaZip));

        // The shared version_id is ambiguous without a product; a unique one is accepted.
        Assert.That((await client.DownloadAsync("main", "v1.1.0")).Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await client.SizeAsync("main", "v1.1.0")).Status, Is.EqualTo(HttpStatusCode.NotFound));
        var unique = await client.DownloadAsync("main", "v1.2.0");
        Assert.That(unique.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(unique.Body, Is.EqualTo(UpdateFiles.Bytes(1000, seed: 12)));
        Assert.That((await client.SizeAsync("main", "v1.2.0")).Size, Is.EqualTo(1000));
    }

    [Test]
    public async Task Unknown_updates_and_missing_files_are_404_never_a_200_the_client_would_unzip()
    {
        await CatalogueAsync();
        var v12 = await VersionGuidAsync(Product, "v1.2.0");
        using var client = new LicenseBoxClient(Server);

        Assert.That((await client.SizeAsync("main", Guid.NewGuid().ToString())).Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await client.SizeAsync("sql", v12)).Status, Is.EqualTo(HttpStatusCode.NotFound), "v1.2.0 has no sql file");
        var (status, body, type) = await client.DownloadAsync("main", Guid.NewGuid().ToString());
        Assert.That(status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(type, Is.EqualTo("application/json"));
        JsonAssert.IsBoolean(JsonNode.Parse(body)!["status"], false, "status");
        Assert.That((await client.DownloadAsync("sql", v12)).Status, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Get_size_answers_json_with_the_size()
    {
        await CatalogueAsync();
        var v11 = await VersionGuidAsync(Product, "v1.1.0");
        using var http = Server.CreateClientWithKey(KeyBoxFactory.ExternalKey, "LB-API-KEY");
        using var response = await http.GetAsync($"/api/get_update_size/main/{v11}");
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        JsonAssert.IsBoolean(json["status"], true, "status");
        Assert.That(json["size"]!.GetValue<long>(), Is.EqualTo(MainZip.Length));
        Assert.That(response.Headers.GetValues("X-File-Size").Single(), Is.EqualTo(MainZip.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [TestCase("2025-02-28", false)]
    [TestCase("2025-03-02", true)]
    public async Task A_license_whose_update_period_ended_before_the_release_gets_401(string updatesUntil, bool allowed)
    {
        await CatalogueAsync(licenseUpdate: true);
        await SendAsync(Internal, HttpMethod.Post, "/api/internal/product-licenses",
            new { product_reference_id = Product, license_code = "LB-PERIOD-01", updates_until = updatesUntil }, HttpStatusCode.Created);
        using var client = new LicenseBoxClient(Server);
        var licenseFile = (await client.ActivateAsync("LB-PERIOD-01"))["lic_response"]!.GetValue<string>();
        var updateId = (await client.CheckUpdateAsync("v1.0.0", expected: true))["update_id"]!.GetValue<string>();

        var byFile = await client.DownloadAsync("main", updateId, licenseFile: licenseFile);
        var byCode = await client.DownloadAsync("main", updateId, licenseCode: "LB-PERIOD-01", clientName: "Jane Buyer");

        var expected = allowed ? HttpStatusCode.OK : HttpStatusCode.Unauthorized;
        Assert.That(byFile.Status, Is.EqualTo(expected));
        Assert.That(byCode.Status, Is.EqualTo(expected));
        if (allowed)
        {
            Assert.That(byFile.Body, Is.EqualTo(MainZip));
            Assert.That(byCode.Body, Is.EqualTo(MainZip));
        }
        else
        {
            Assert.That(JsonNode.Parse(byFile.Body)!["message"]!.GetValue<string>(), Does.Contain("update period"));
        }
    }

    [Test]
    public async Task Licensed_updates_refuse_missing_tampered_or_foreign_licenses_with_401()
    {
        await CatalogueAsync(licenseUpdate: true);
        await SendAsync(Internal, HttpMethod.Post, "/api/internal/product-licenses", new { product_reference_id = Product, license_code = "LB-DL-00001" }, HttpStatusCode.Created);
        using var client = new LicenseBoxClient(Server);
        var licenseFile = (await client.ActivateAsync("LB-DL-00001"))["lic_response"]!.GetValue<string>();
        var updateId = await VersionGuidAsync(Product, "v1.1.0");
        var tampered = licenseFile[..12] + (licenseFile[12] == 'A' ? 'B' : 'A') + licenseFile[13..];

        Assert.That((await client.DownloadAsync("main", updateId)).Status, Is.EqualTo(HttpStatusCode.Unauthorized), "empty fields");
        Assert.That((await client.DownloadAsync("main", updateId, noFields: true)).Status, Is.EqualTo(HttpStatusCode.Unauthorized), "no fields");
        Assert.That((await client.DownloadAsync("main", updateId, licenseFile: tampered)).Status, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await client.DownloadAsync("main", updateId, licenseCode: "NO-SUCH-CODE", clientName: "x")).Status, Is.EqualTo(HttpStatusCode.Unauthorized));

        using var otherSite = new LicenseBoxClient(Server, "https://elsewhere.example/index.php");
        Assert.That((await otherSite.DownloadAsync("main", updateId, licenseCode: "LB-DL-00001", clientName: "x")).Status, Is.EqualTo(HttpStatusCode.Unauthorized),
            "the code proves an activation only from the place it was activated at");
        Assert.That((await client.DownloadAsync("main", updateId, licenseFile: licenseFile)).Status, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_license_file_downloads_only_from_the_site_it_was_activated_at()
    {
        await CatalogueAsync(licenseUpdate: true);
        await SendAsync(Internal, HttpMethod.Post, "/api/internal/product-licenses", new { product_reference_id = Product, license_code = "LB-DL-00002" }, HttpStatusCode.Created);
        using var client = new LicenseBoxClient(Server);
        var licenseFile = (await client.ActivateAsync("LB-DL-00002"))["lic_response"]!.GetValue<string>();
        var updateId = await VersionGuidAsync(Product, "v1.1.0");

        using var otherSite = new LicenseBoxClient(Server, "https://elsewhere.example/index.php");
        var (stolen, stolenBody, _) = await otherSite.DownloadAsync("main", updateId, licenseFile: licenseFile);
        using var noUrl = new LicenseBoxClient(Server).With("LB-URL", null);
        var (unplaced, _, _) = await noUrl.DownloadAsync("main", updateId, licenseFile: licenseFile);

        Assert.That(stolen, Is.EqualTo(HttpStatusCode.Unauthorized), "a license file presented from another site");
        Assert.That(stolenBody, Is.Not.EqualTo(MainZip));
        Assert.That(unplaced, Is.EqualTo(HttpStatusCode.Unauthorized), "a license file presented without LB-URL");
        Assert.That((await client.DownloadAsync("main", updateId, licenseFile: licenseFile)).Body, Is.EqualTo(MainZip), "the activated site still downloads");
    }

    [Test]
    public async Task Products_without_licensed_updates_serve_a_download_without_license_fields()
    {
        await CatalogueAsync(licenseUpdate: false);
        var updateId = await VersionGuidAsync(Product, "v1.1.0");
        using var client = new LicenseBoxClient(Server);

        var (status, body, _) = await client.DownloadAsync("main", updateId, noFields: true);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body, Is.EqualTo(MainZip));
        Assert.That((await client.DownloadAsync("sql", updateId)).Body, Is.EqualTo(SqlFile));
    }

    [Test]
    public async Task The_wordpress_helper_variant_posting_json_to_download_update_is_served_too()
    {
        await CatalogueAsync(licenseUpdate: true);
        await SendAsync(Internal, HttpMethod.Post, "/api/internal/product-licenses", new { product_reference_id = Product, license_code = "LB-WP-00001" }, HttpStatusCode.Created);
        using var client = new LicenseBoxClient(Server);
        var licenseFile = (await client.ActivateAsync("LB-WP-00001"))["lic_response"]!.GetValue<string>();
        var updateId = await VersionGuidAsync(Product, "v1.1.0");

        using var http = Server.CreateClientWithKey(KeyBoxFactory.ExternalKey, "LB-API-KEY");
        http.DefaultRequestHeaders.Add("LB-URL", "http://shop.example/wp-admin/");
        using var response = await http.PostAsync($"/api/download_update/main/{updateId}",
            RawJson($$"""{"license_file":"{{licenseFile}}","license_code":null,"client_name":null}"""));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.EqualTo(MainZip));
    }

    [Test]
    public async Task A_download_with_an_empty_body_and_no_content_type_is_served_for_free_products()
    {
        await CatalogueAsync(licenseUpdate: false);
        var updateId = await VersionGuidAsync(Product, "v1.1.0");
        using var http = Server.CreateClientWithKey(KeyBoxFactory.ExternalKey, "LB-API-KEY");
        using var response = await http.PostAsync($"/api/download_update/main/{updateId}", new ByteArrayContent([]));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.EqualTo(MainZip));
    }
}
