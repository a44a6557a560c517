using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using KeyBox.WebApi.IntegrationTests.Testing;

namespace KeyBox.WebApi.IntegrationTests.Updates;

public sealed class UpdateCheckTests : IntegrationTest
{
    private static readonly string[] AvailableFields =
        ["is_active", "message", "update_available", "version", "released_at", "summary", "changelog", "update_id", "has_sql", "files"];

    private async Task CreateCatalogueAsync(string product, bool serveLatest)
    {
        await CreateProductAsync(product, new { serve_latest_updates = serveLatest });
        await CreateVersionAsync(product, "v1.0.0", "1.0.0");
        await CreateVersionAsync(product, "v1.1.0", "v1.1.0", new { summary = "Small fixes", changelog = "<ul><li>Fix</li></ul>", released_at = "2025-02-01" });
        await CreateVersionAsync(product, "v1.2.0", "1.2.0", new { is_active = false });
        await CreateVersionAsync(product, "v1.3", "1.3");
        await CreateVersionAsync(product, "v1.10.0", "1.10.0");
        await CreateVersionAsync(product, "v2.0.0-beta.1", "2.0.0-beta.1");
        await CreateVersionAsync(product, "v2.0.0", "2.0.0", new { released_at = "2025-06-30T23:30:00Z" });
    }

    private Task<JsonObject> CheckAsync(string product, string current, HttpStatusCode expected = HttpStatusCode.OK) =>
        SendAsync(External, HttpMethod.Post, "/api/external/update/check", new { product_id = product, current_version = current }, expected);

    [Test]
    public async Task An_available_update_has_exactly_the_contract_shape()
    {
        await CreateCatalogueAsync("SEQ", serveLatest: false);
        var json = await CheckAsync("SEQ", "1.0.0");

        Assert.That(json.Select(p => p.Key), Is.EqualTo(AvailableFields));
        JsonAssert.IsBoolean(json["is_active"], true, "is_active");
        Assert.That(json["message"]!.GetValue<string>(), Is.EqualTo("A new update is available."));
        JsonAssert.IsBoolean(json["update_available"], true, "update_available");
        Assert.That(json["version"]!.GetValue<string>(), Is.EqualTo("v1.1.0"));
        Assert.That(json["released_at"]!.GetValue<string>(), Is.EqualTo("2025-02-01"));
        Assert.That(json["summary"]!.GetValue<string>(), Is.EqualTo("Small fixes"));
        Assert.That(json["changelog"]!.GetValue<string>(), Is.EqualTo("<ul><li>Fix</li></ul>"));
        Assert.That(json["update_id"]!.GetValue<string>(), Is.EqualTo("v1.1.0"));
        JsonAssert.IsBoolean(json["has_sql"], false, "has_sql");
        Assert.That(json["files"]!.ToJsonString(), Is.EqualTo("""{"main":null,"sql":null}"""), "no file uploaded yet");
    }

    [Test]
    public async Task Update_check_and_latest_state_each_files_size_and_sha256_as_the_download_sends_it()
    {
        await CreateProductAsync("P");
        await CreateVersionAsync("P", "v1.0.0", "1.0.0");
        await CreateVersionAsync("P", "v1.1.0", "1.1.0");
        var zip = new byte[70_000];
        new Random(7).NextBytes(zip);
        await UpdateFiles.UploadAsync(Internal, "P", "v1.1.0", "main", zip);
        var sha = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(zip)).ToLowerInvariant();

        var check = await CheckAsync("P", "1.0.0");
        Assert.That(check["files"]!["main"]!["size"]!.GetValue<long>(), Is.EqualTo(zip.Length));
        Assert.That(check["files"]!["main"]!["sha256"]!.GetValue<string>(), Is.EqualTo(sha));
        Assert.That(check["files"]!["sql"]?.GetValueKind(), Is.Null.Or.EqualTo(JsonValueKind.Null), "no SQL file: null");

        var latest = await SendAsync(External, HttpMethod.Post, "/api/external/update/latest", new { product_id = "P" }, HttpStatusCode.OK);
        Assert.That(latest["data"]!["files"]!["main"]!["sha256"]!.GetValue<string>(), Is.EqualTo(sha));
        Assert.That(latest["data"]!["files"]!["main"]!["size"]!.GetValue<long>(), Is.EqualTo(zip.Length));
    }

    [Test]
    public async Task No_update_has_exactly_the_contract_shape()
    {
        await CreateCatalogueAsync("SEQ", serveLatest: false);
        var json = await CheckAsync("SEQ", "2.0.0");

        Assert.That(json.Select(p => p.Key), Is.EqualTo(new[] { "is_active", "message", "update_available", "version" }));
        JsonAssert.IsBoolean(json["is_active"], true, "is_active");
        Assert.That(json["message"]!.GetValue<string>(), Is.EqualTo("You are using the latest version."));
        JsonAssert.IsBoolean(json["update_available"], false, "update_available");
        Assert.That(json["version"]?.GetValueKind(), Is.Null.Or.EqualTo(JsonValueKind.Null));
        Assert.That(json.ContainsKey("version"), Is.True);
    }

    [TestCase("1.0.0", "v1.1.0")]
    [TestCase("v1.1", "v1.3")] // 1.2.0 is inactive: skipped
    [TestCase("V1.3.0", "v1.10.0")] // 1.10 > 1.3 semantically
    [TestCase("1.10", "v2.0.0-beta.1")] // pre-release before its release
    [TestCase("2.0.0-beta.1", "v2.0.0")]
    [TestCase("0", "v1.0.0")]
    public async Task Sequential_products_offer_the_next_active_version(string current, string expectedUpdateId)
    {
        await CreateCatalogueAsync("SEQ", serveLatest: false);
        var json = await CheckAsync("SEQ", current);
        Assert.That(json["update_id"]?.GetValue<string>(), Is.EqualTo(expectedUpdateId));
    }

    [TestCase("1.0.0")]
    [TestCase("v1")]
    [TestCase("2.0.0-beta.1")]
    public async Task Products_serving_latest_updates_offer_the_newest_active_version(string current)
    {
        await CreateCatalogueAsync("LATEST", serveLatest: true);
        await CreateVersionAsync("LATEST", "v3.0.0", "3.0.0", new { is_active = false });
        var json = await CheckAsync("LATEST", current);
        Assert.That(json["update_id"]!.GetValue<string>(), Is.EqualTo("v2.0.0"));
        Assert.That(json["released_at"]!.GetValue<string>(), Is.EqualTo("2025-06-30"), "a date, in UTC");
    }

    [Test]
    public async Task An_upload_is_reflected_at_once_by_a_check_that_was_answered_from_the_cache_before()
    {
        await CreateProductAsync("P");
        await CreateVersionAsync("P", "v1.0.0", "1.0.0");
        await CreateVersionAsync("P", "v1.1.0", "1.1.0");
        JsonAssert.IsBoolean((await CheckAsync("P", "1.0.0"))["has_sql"], false, "has_sql before the upload");
        JsonAssert.IsBoolean((await CheckAsync("P", "1.0.0"))["has_sql"], false, "has_sql before the upload, from the cache");

        await UpdateFiles.UploadAsync(Internal, "P", "v1.1.0", "sql", "ALTER TABLE x;"u8.ToArray());

        // The server that saved the upload drops the cached catalog itself, without waiting for its own notification.
        JsonAssert.IsBoolean((await CheckAsync("P", "1.0.0"))["has_sql"], true, "has_sql right after the upload");
    }

    [Test]
    public async Task Has_sql_reflects_an_uploaded_sql_file()
    {
        await CreateProductAsync("P");
        await CreateVersionAsync("P", "v1.0.0", "1.0.0");
        await CreateVersionAsync("P", "v1.1.0", "1.1.0");
        await UpdateFiles.UploadAsync(Internal, "P", "v1.1.0", "sql", "ALTER TABLE x;"u8.ToArray());
        var json = await CheckAsync("P", "1.0.0");
        JsonAssert.IsBoolean(json["has_sql"], true, "has_sql");
    }

    [Test]
    public async Task An_invalid_current_version_is_422_naming_the_field()
    {
        await CreateCatalogueAsync("SEQ", serveLatest: false);
        var json = await CheckAsync("SEQ", "banana", HttpStatusCode.UnprocessableEntity);
        JsonAssert.IsBoolean(json["is_active"], false, "is_active");
        Assert.That(json["errors"]!.AsObject().Select(e => e.Key), Does.Contain("current_version"));

        var missing = await SendAsync(External, HttpMethod.Post, "/api/external/update/check", new { current_version = "1.0.0" }, HttpStatusCode.UnprocessableEntity);
        Assert.That(missing["errors"]!.AsObject().Select(e => e.Key), Does.Contain("product_id"));
    }

    [Test]
    public async Task Unknown_product_is_404_and_inactive_product_is_refused()
    {
        var json = await CheckAsync("NOPE", "1.0.0", HttpStatusCode.NotFound);
        Assert.That(json["code"]!.GetValue<string>(), Is.EqualTo("PRODUCT_NOT_FOUND"));
        JsonAssert.IsBoolean(json["is_active"], false, "is_active");

        await CreateProductAsync("OFF", new { is_active = false });
        var inactive = await CheckAsync("OFF", "1.0.0", HttpStatusCode.Forbidden);
        Assert.That(inactive["code"]!.GetValue<string>(), Is.EqualTo("PRODUCT_INACTIVE"));
    }

    [Test]
    public async Task Latest_returns_the_newest_active_version_in_data()
    {
        await CreateCatalogueAsync("SEQ", serveLatest: false);
        var json = await SendAsync(External, HttpMethod.Post, "/api/external/update/latest", new { product_id = "SEQ" }, HttpStatusCode.OK);

        JsonAssert.IsBoolean(json["is_active"], true, "is_active");
        JsonAssert.IsString(json["message"], "message");
        var data = json["data"]!.AsObject();
        Assert.That(data.Select(p => p.Key), Is.EqualTo(new[] { "version", "released_at", "summary", "changelog", "update_id", "has_sql", "files" }));
        Assert.That(data["version"]!.GetValue<string>(), Is.EqualTo("2.0.0"));
        Assert.That(data["update_id"]!.GetValue<string>(), Is.EqualTo("v2.0.0"));
        Assert.That(data["released_at"]!.GetValue<string>(), Is.EqualTo("2025-06-30"));
        JsonAssert.IsBoolean(data["has_sql"], false, "has_sql");
    }

    [Test]
    public async Task Latest_without_an_active_version_is_404_version_not_found()
    {
        await CreateProductAsync("EMPTY");
        await CreateVersionAsync("EMPTY", "v1.0.0", "1.0.0", new { is_active = false });
        var json = await SendAsync(External, HttpMethod.Post, "/api/external/update/latest", new { product_id = "EMPTY" }, HttpStatusCode.NotFound);
        JsonAssert.IsBoolean(json["is_active"], false, "is_active");
        Assert.That(json["code"]!.GetValue<string>(), Is.EqualTo("VERSION_NOT_FOUND"));
    }
}
