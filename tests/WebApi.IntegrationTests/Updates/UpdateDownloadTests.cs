using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using KeyBox.WebApi.IntegrationTests.Testing;

namespace KeyBox.WebApi.IntegrationTests.Updates;

public sealed class UpdateDownloadTests : IntegrationTest
{
    private static readonly byte[] MainBytes = UpdateFiles.Bytes(100_000, 42);
    private static readonly byte[] SqlBytes = "CREATE TABLE settings (k text, v text);\n"u8.ToArray();

    /// <summary>A product with one version and its main file; returns the product's id.</summary>
    private async Task<Guid> CreateReleaseAsync(string product = "PROD-001", string versionId = "v1.0.0", byte[]? main = null, object? productExtra = null)
    {
        var created = await CreateProductAsync(product, productExtra);
        await CreateVersionAsync(product, versionId, versionId.TrimStart('v'));
        await UpdateFiles.UploadAsync(Internal, product, versionId, "main", main ?? MainBytes);
        return created["data"]!["id"]!.GetValue<Guid>();
    }

    private async Task<HttpResponseMessage> DownloadAsync(string url, HttpContent? body = null, Action<HttpRequestMessage>? configure = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = body };
        configure?.Invoke(request);
        return await External.SendAsync(request);
    }

    private static async Task<JsonObject> ErrorOfAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var json = await ReadObjectAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(expected), json.ToJsonString());
        JsonAssert.IsBoolean(json["is_active"], false, "is_active");
        return json;
    }

    [Test]
    public async Task Download_streams_the_file_with_length_type_name_and_checksum()
    {
        await CreateReleaseAsync();
        using var response = await DownloadAsync("/api/external/update/v1.0.0/download/main", Json(new { product_id = "PROD-001", license_data = (string?)null }));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.That(bytes, Is.EqualTo(MainBytes));
        Assert.That(response.Content.Headers.ContentLength, Is.EqualTo(MainBytes.Length));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/zip"));
        Assert.That(response.Content.Headers.ContentDisposition?.DispositionType, Is.EqualTo("attachment"));
        Assert.That(response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), Is.EqualTo("v1.0.0.zip"));
        Assert.That(response.Headers.AcceptRanges, Does.Contain("bytes"));

        var checksum = response.Headers.GetValues("X-Checksum-SHA256").Single();
        Assert.That(checksum, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(bytes))), "the header is the SHA-256 of the bytes served");
        Assert.That(response.Headers.GetValues("Digest").Single(), Is.EqualTo("sha-256=" + Convert.ToBase64String(SHA256.HashData(bytes))));
        Assert.That(response.Headers.ETag?.Tag, Is.EqualTo($"\"{checksum}\""));
    }

    [Test]
    public async Task Sql_files_are_served_as_application_sql()
    {
        await CreateReleaseAsync();
        await UpdateFiles.UploadAsync(Internal, "PROD-001", "v1.0.0", "sql", SqlBytes);
        using var response = await DownloadAsync("/api/external/update/v1.0.0/download/sql", Json(new { product_id = "PROD-001" }));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/sql"));
        Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.EqualTo(SqlBytes));
    }

    [Test]
    public async Task Range_requests_get_206_with_the_requested_bytes()
    {
        await CreateReleaseAsync();
        using var response = await DownloadAsync("/api/external/update/v1.0.0/download/main", Json(new { product_id = "PROD-001" }),
            r => r.Headers.Range = new RangeHeaderValue(1000, 1999));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.PartialContent));
        Assert.That(response.Content.Headers.ContentRange?.ToString(), Is.EqualTo($"bytes 1000-1999/{MainBytes.Length}"));
        Assert.That(response.Content.Headers.ContentLength, Is.EqualTo(1000));
        Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.EqualTo(MainBytes[1000..2000]));

        using var tail = await DownloadAsync("/api/external/update/v1.0.0/download/main", Json(new { product_id = "PROD-001" }),
            r => r.Headers.Range = new RangeHeaderValue(99_000, null));
        Assert.That(tail.StatusCode, Is.EqualTo(HttpStatusCode.PartialContent));
        Assert.That(await tail.Content.ReadAsByteArrayAsync(), Is.EqualTo(MainBytes[99_000..]));
    }

    [Test]
    public async Task The_product_comes_from_the_body_the_query_string_a_form_or_the_only_product_with_that_version()
    {
        await CreateReleaseAsync();
        using (var noBody = await DownloadAsync("/api/external/update/v1.0.0/download/main"))
        {
            Assert.That(noBody.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await noBody.Content.ReadAsByteArrayAsync(), Is.EqualTo(MainBytes));
        }

        using (var emptyArray = await DownloadAsync("/api/external/update/v1.0.0/download/main", RawJson("[]")))
        {
            Assert.That(emptyArray.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using (var query = await DownloadAsync("/api/external/update/v1.0.0/download/main?product_id=PROD-001"))
        {
            Assert.That(query.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using (var form = await DownloadAsync("/api/external/update/v1.0.0/download/main", new FormUrlEncodedContent([new("product_id", "PROD-001")])))
        {
            Assert.That(form.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using (var multipart = await DownloadAsync("/api/external/update/v1.0.0/download/main", new MultipartFormDataContent { { new StringContent("PROD-001"), "product_id" } }))
        {
            Assert.That(multipart.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using var wrongProduct = await DownloadAsync("/api/external/update/v1.0.0/download/main", Json(new { product_id = "NOPE" }));
        var json = await ErrorOfAsync(wrongProduct, HttpStatusCode.NotFound);
        Assert.That(json["code"]!.GetValue<string>(), Is.EqualTo("PRODUCT_NOT_FOUND"));
    }

    [Test]
    public async Task A_version_id_shared_by_several_products_needs_product_id()
    {
        var other = UpdateFiles.Bytes(3000, 7);
        await CreateReleaseAsync("A");
        await CreateReleaseAsync("B", main: other);

        using var ambiguous = await DownloadAsync("/api/external/update/v1.0.0/download/main", Json(new { }));
        var json = await ErrorOfAsync(ambiguous, HttpStatusCode.NotFound);
        Assert.That(json["code"]!.GetValue<string>(), Is.EqualTo("AMBIGUOUS_VERSION"));
        Assert.That(json["message"]!.GetValue<string>(), Does.Contain("product_id"));

        using var size = await External.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/external/update/v1.0.0/download/main/size"));
        Assert.That(size.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        using var chosen = await DownloadAsync("/api/external/update/v1.0.0/download/main", Json(new { product_id = "B" }));
        Assert.That(chosen.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await chosen.Content.ReadAsByteArrayAsync(), Is.EqualTo(other));
    }

    [Test]
    public async Task Missing_versions_and_files_are_404_in_the_envelope()
    {
        await CreateReleaseAsync();
        await CreateVersionAsync("PROD-001", "v1.1.0", "1.1.0");
        await CreateVersionAsync("PROD-001", "v0.9.0", "0.9.0", new { is_active = false });

        using var noVersion = await DownloadAsync("/api/external/update/v7.0.0/download/main", Json(new { product_id = "PROD-001" }));
        Assert.That((await ErrorOfAsync(noVersion, HttpStatusCode.NotFound))["code"]!.GetValue<string>(), Is.EqualTo("VERSION_NOT_FOUND"));

        using var inactive = await DownloadAsync("/api/external/update/v0.9.0/download/main", Json(new { product_id = "PROD-001" }));
        Assert.That((await ErrorOfAsync(inactive, HttpStatusCode.NotFound))["code"]!.GetValue<string>(), Is.EqualTo("VERSION_NOT_FOUND"));

        using var noFile = await DownloadAsync("/api/external/update/v1.1.0/download/main", Json(new { product_id = "PROD-001" }));
        Assert.That((await ErrorOfAsync(noFile, HttpStatusCode.NotFound))["code"]!.GetValue<string>(), Is.EqualTo("FILE_NOT_FOUND"));

        using var noSql = await DownloadAsync("/api/external/update/v1.0.0/download/sql", Json(new { product_id = "PROD-001" }));
        Assert.That((await ErrorOfAsync(noSql, HttpStatusCode.NotFound))["code"]!.GetValue<string>(), Is.EqualTo("FILE_NOT_FOUND"));

        using var malformed = await DownloadAsync("/api/external/update/v1.0.0/download/main", RawJson("{\"product_id\": "));
        await ErrorOfAsync(malformed, HttpStatusCode.UnprocessableEntity);
    }

    [Test]
    public async Task Products_that_require_a_license_refuse_downloads_without_license_data()
    {
        await CreateReleaseAsync(productExtra: new { license_update = true });
        using var response = await DownloadAsync("/api/external/update/v1.0.0/download/main", Json(new { product_id = "PROD-001" }));
        var json = await ErrorOfAsync(response, HttpStatusCode.Forbidden);
        Assert.That(json["code"]!.GetValue<string>(), Is.EqualTo("LICENSE_DATA_INVALID"));
    }

    [Test]
    public async Task Head_size_gives_the_file_length_and_type_without_a_body()
    {
        await CreateReleaseAsync();
        using var response = await External.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/external/update/v1.0.0/download/main/size"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentLength, Is.EqualTo(MainBytes.Length));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/zip"));
        Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.Empty);
        Assert.That(response.Headers.GetValues("X-Checksum-SHA256").Single(), Is.EqualTo(UpdateFiles.Sha256(MainBytes)));

        using var missing = await External.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/external/update/v1.0.0/download/sql/size?product_id=PROD-001"));
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Get_size_answers_json_with_the_size_and_an_x_file_size_header()
    {
        await CreateReleaseAsync();
        using var response = await External.GetAsync("/api/external/update/v1.0.0/download/main/size?product_id=PROD-001");
        var json = await ReadObjectAsync(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        JsonAssert.IsBoolean(json["is_active"], true, "is_active");
        Assert.That(json["size"]!.GetValueKind(), Is.EqualTo(System.Text.Json.JsonValueKind.Number));
        Assert.That(json["size"]!.GetValue<long>(), Is.EqualTo(MainBytes.Length));
        Assert.That(json["content_type"]!.GetValue<string>(), Is.EqualTo("application/zip"));
        Assert.That(json["sha256"]!.GetValue<string>(), Is.EqualTo(UpdateFiles.Sha256(MainBytes)));
        Assert.That(response.Headers.GetValues("X-File-Size").Single(), Is.EqualTo(MainBytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        using var noFile = await External.GetAsync("/api/external/update/v1.0.0/download/sql/size");
        Assert.That((await ErrorOfAsync(noFile, HttpStatusCode.NotFound))["code"]!.GetValue<string>(), Is.EqualTo("FILE_NOT_FOUND"));
    }

    [Test]
    public async Task Successful_downloads_are_recorded_in_the_background_and_resumptions_are_not_counted_twice()
    {
        var productId = await CreateReleaseAsync();
        using (var first = await DownloadAsync("/api/external/update/v1.0.0/download/main", Json(new { product_id = "PROD-001" }),
            r => r.Headers.Add("X-API-IP", "203.0.113.7")))
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var rows = await UpdateFiles.WaitForDownloadLogAsync(productId, r => r.Count >= 1);
        Assert.That(rows, Has.Count.EqualTo(1));
        Assert.That(rows[0].UpdateId, Is.EqualTo("v1.0.0"));
        Assert.That(rows[0].Kind, Is.EqualTo("main"));
        Assert.That(rows[0].ProductId, Is.EqualTo(productId));
        Assert.That(rows[0].Ip, Is.EqualTo("203.0.113.7"));

        // Refused and missing downloads are not recorded; a resumed download (range from the middle) is not a new one.
        using (await DownloadAsync("/api/external/update/v1.0.0/download/sql", Json(new { product_id = "PROD-001" })))
        {
        }

        using (var resumed = await DownloadAsync("/api/external/update/v1.0.0/download/main", Json(new { product_id = "PROD-001" }),
            r => r.Headers.Range = new RangeHeaderValue(50_000, null)))
        {
            Assert.That(resumed.StatusCode, Is.EqualTo(HttpStatusCode.PartialContent));
        }

        using (var second = await DownloadAsync("/api/external/update/v1.0.0/download/main", null, r => r.Headers.Add("X-API-IP", "198.51.100.2")))
        {
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        rows = await UpdateFiles.WaitForDownloadLogAsync(productId, r => r.Any(x => x.Ip == "198.51.100.2"));
        Assert.That(rows.Select(r => r.Ip), Is.EqualTo(new[] { "203.0.113.7", "198.51.100.2" }));
    }

    [Test]
    public async Task Downloads_need_an_api_key()
    {
        await CreateReleaseAsync();
        using var response = await Anonymous.PostAsync("/api/external/update/v1.0.0/download/main", Json(new { product_id = "PROD-001" }));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }
}
