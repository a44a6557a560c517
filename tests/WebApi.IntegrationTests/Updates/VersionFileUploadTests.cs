using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using KeyBox.WebApi.IntegrationTests.Testing;

namespace KeyBox.WebApi.IntegrationTests.Updates;

public sealed class VersionFileUploadTests : IntegrationTest
{
    [SetUp]
    public void ClearStorage() => UpdateFiles.ClearStorage(Server);

    [Test]
    public async Task Raw_upload_stores_the_file_and_the_version_shows_its_size_and_checksum()
    {
        await CreateProductAsync("PROD-001");
        await CreateVersionAsync("PROD-001", "v1.0.0", "1.0.0");
        var bytes = UpdateFiles.Bytes(10_000, 1);
        var content = UpdateFiles.Raw(bytes, "application/octet-stream");
        content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = "\"release-1.0.0.zip\"" };

        var json = await UpdateFiles.UploadAsync(Internal, "PROD-001", "v1.0.0", "main", content);

        JsonAssert.IsBoolean(json["status"], true, "status");
        var data = json["data"]!.AsObject();
        JsonAssert.IsBoolean(data["has_sql"], false, "has_sql");
        Assert.That(data["sql_file"], Is.Null);
        var file = data["main_file"]!.AsObject();
        Assert.That(file.Select(p => p.Key), Is.EquivalentTo(new[] { "file_name", "content_type", "size", "sha256", "uploaded_at" }));
        Assert.That(file["file_name"]!.GetValue<string>(), Is.EqualTo("release-1.0.0.zip"));
        Assert.That(file["content_type"]!.GetValue<string>(), Is.EqualTo("application/zip"));
        Assert.That(file["size"]!.GetValueKind(), Is.EqualTo(System.Text.Json.JsonValueKind.Number));
        Assert.That(file["size"]!.GetValue<long>(), Is.EqualTo(10_000));
        Assert.That(file["sha256"]!.GetValue<string>(), Is.EqualTo(UpdateFiles.Sha256(bytes)));
        JsonAssert.IsString(file["uploaded_at"], "uploaded_at");

        var fetched = await SendAsync(Internal, HttpMethod.Get, "/api/internal/products/PROD-001/versions/v1.0.0", null, HttpStatusCode.OK);
        Assert.That(fetched["data"]!["main_file"]!["sha256"]!.GetValue<string>(), Is.EqualTo(UpdateFiles.Sha256(bytes)));
        Assert.That(UpdateFiles.StoredFiles(Server), Has.Length.EqualTo(1));
        Assert.That(await File.ReadAllBytesAsync(UpdateFiles.StoredFiles(Server)[0]), Is.EqualTo(bytes));
    }

    [Test]
    public async Task Multipart_upload_takes_the_first_file_part_and_sets_has_sql()
    {
        await CreateProductAsync("PROD-001");
        await CreateVersionAsync("PROD-001", "v1.0.0", "1.0.0");
        var sql = "CREATE TABLE t (id int);\n"u8.ToArray();
        using var form = new MultipartFormDataContent
        {
            { new StringContent("a note that is not the file"), "note" },
            { new ByteArrayContent(sql), "file", "upgrade.sql" },
        };

        var json = await UpdateFiles.UploadAsync(Internal, "PROD-001", "v1.0.0", "sql", form);

        var data = json["data"]!.AsObject();
        JsonAssert.IsBoolean(data["has_sql"], true, "has_sql");
        Assert.That(data["main_file"], Is.Null);
        Assert.That(data["sql_file"]!["file_name"]!.GetValue<string>(), Is.EqualTo("upgrade.sql"));
        Assert.That(data["sql_file"]!["content_type"]!.GetValue<string>(), Is.EqualTo("application/sql"));
        Assert.That(data["sql_file"]!["size"]!.GetValue<long>(), Is.EqualTo(sql.Length));
        Assert.That(data["sql_file"]!["sha256"]!.GetValue<string>(), Is.EqualTo(UpdateFiles.Sha256(sql)));
    }

    [Test]
    public async Task Upload_without_a_name_gets_one_from_the_version_id()
    {
        await CreateProductAsync("PROD-001");
        await CreateVersionAsync("PROD-001", "v2.0.0", "2.0.0");
        var json = await UpdateFiles.UploadAsync(Internal, "PROD-001", "v2.0.0", "main", UpdateFiles.Bytes(100, 2));
        Assert.That(json["data"]!["main_file"]!["file_name"]!.GetValue<string>(), Is.EqualTo("v2.0.0.zip"));
    }

    [Test]
    public async Task Reupload_replaces_the_file_and_deletes_the_old_content()
    {
        await CreateProductAsync("PROD-001");
        await CreateVersionAsync("PROD-001", "v1.0.0", "1.0.0");
        var first = UpdateFiles.Bytes(5000, 1);
        var second = UpdateFiles.Bytes(7000, 2);
        var before = await UpdateFiles.UploadAsync(Internal, "PROD-001", "v1.0.0", "main", first);
        var after = await UpdateFiles.UploadAsync(Internal, "PROD-001", "v1.0.0", "main", second);

        Assert.That(after["data"]!["main_file"]!["sha256"]!.GetValue<string>(), Is.Not.EqualTo(before["data"]!["main_file"]!["sha256"]!.GetValue<string>()));
        Assert.That(after["data"]!["main_file"]!["sha256"]!.GetValue<string>(), Is.EqualTo(UpdateFiles.Sha256(second)));
        Assert.That(after["data"]!["main_file"]!["size"]!.GetValue<long>(), Is.EqualTo(7000));

        using var response = await External.PostAsync("/api/external/update/v1.0.0/download/main", Json(new { product_id = "PROD-001" }));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var served = await response.Content.ReadAsByteArrayAsync();
        Assert.That(served, Is.EqualTo(second), "the new content is served");
        Assert.That(response.Headers.GetValues("X-Checksum-SHA256").Single(), Is.EqualTo(UpdateFiles.Sha256(second)));
        Assert.That(UpdateFiles.StoredFiles(Server), Has.Length.EqualTo(1), "the old file is deleted");
    }

    [Test]
    public async Task A_download_in_progress_finishes_with_the_old_content_when_the_file_is_replaced()
    {
        await CreateProductAsync("PROD-001");
        await CreateVersionAsync("PROD-001", "v1.0.0", "1.0.0");
        const int size = 8 * 1024 * 1024;
        using (var content = new StreamContent(new GeneratedStream(size, seed: 11)))
        {
            await UpdateFiles.UploadAsync(Internal, "PROD-001", "v1.0.0", "main", content);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/external/update/v1.0.0/download/main") { Content = Json(new { product_id = "PROD-001" }) };
        using var response = await External.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var received = new MemoryStream();
        var buffer = new byte[64 * 1024];
        var read = await body.ReadAsync(buffer);
        received.Write(buffer, 0, read);

        // Replaced (and the old file deleted) while the first download is still being read.
        var replacement = UpdateFiles.Bytes(1000, 3);
        await UpdateFiles.UploadAsync(Internal, "PROD-001", "v1.0.0", "main", replacement);
        Assert.That(UpdateFiles.StoredFiles(Server), Has.Length.EqualTo(1));

        await body.CopyToAsync(received);
        Assert.That(received.Length, Is.EqualTo(size));
        Assert.That(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(received.ToArray())), Is.EqualTo(GeneratedStream.Sha256Of(size, seed: 11)));
    }

    [Test]
    public async Task Upload_to_an_unknown_version_or_product_is_404_and_stores_nothing()
    {
        await CreateProductAsync("PROD-001");
        var json = await UpdateFiles.UploadAsync(Internal, "PROD-001", "v9", "main", UpdateFiles.Raw(UpdateFiles.Bytes(10, 1)), HttpStatusCode.NotFound);
        JsonAssert.IsBoolean(json["status"], false, "status");
        await UpdateFiles.UploadAsync(Internal, "NOPE", "v9", "main", UpdateFiles.Raw(UpdateFiles.Bytes(10, 1)), HttpStatusCode.NotFound);
        Assert.That(UpdateFiles.StoredFiles(Server), Is.Empty);
    }

    [Test]
    public async Task Empty_upload_is_422_and_an_external_key_may_not_upload()
    {
        await CreateProductAsync("PROD-001");
        await CreateVersionAsync("PROD-001", "v1.0.0", "1.0.0");
        var json = await UpdateFiles.UploadAsync(Internal, "PROD-001", "v1.0.0", "main", UpdateFiles.Raw([]), HttpStatusCode.UnprocessableEntity);
        Assert.That(json["errors"]!.AsObject().Select(e => e.Key), Does.Contain("file"));
        await UpdateFiles.UploadAsync(External, "PROD-001", "v1.0.0", "main", UpdateFiles.Raw(UpdateFiles.Bytes(10, 1)), HttpStatusCode.Forbidden);
        Assert.That(UpdateFiles.StoredFiles(Server), Is.Empty);
        Assert.That(UpdateFiles.TemporaryFiles(Server), Is.Empty);
    }

    [Test]
    public async Task Uploads_over_the_configured_limit_are_413_whether_announced_or_streamed()
    {
        await using var server = new KeyBoxFactory(new Dictionary<string, string?> { ["Storage:MaxUploadBytes"] = "4096" });
        using var client = server.CreateClientWithKey(KeyBoxFactory.InternalKey);
        await CreateProductAsync("PROD-001");
        await CreateVersionAsync("PROD-001", "v1.0.0", "1.0.0");

        // Announced: Content-Length above the limit is refused before the body is read.
        var announced = await UpdateFiles.UploadAsync(client, "PROD-001", "v1.0.0", "main", UpdateFiles.Raw(UpdateFiles.Bytes(5000, 1)), HttpStatusCode.RequestEntityTooLarge);
        JsonAssert.IsBoolean(announced["status"], false, "status");
        Assert.That(announced["message"]!.GetValue<string>(), Does.Contain("4096"));

        // Streamed: no Content-Length, the body simply goes on too long.
        using (var chunked = new StreamContent(new GeneratedStream(200_000)))
        {
            Assert.That(chunked.Headers.ContentLength, Is.Null);
            var streamed = await UpdateFiles.UploadAsync(client, "PROD-001", "v1.0.0", "main", chunked, HttpStatusCode.RequestEntityTooLarge);
            JsonAssert.IsBoolean(streamed["status"], false, "status");
        }

        // Multipart: the file part itself is measured.
        using (var form = new MultipartFormDataContent { { new StreamContent(new GeneratedStream(50_000)), "file", "big.zip" } })
        {
            await UpdateFiles.UploadAsync(client, "PROD-001", "v1.0.0", "main", form, HttpStatusCode.RequestEntityTooLarge);
        }

        Assert.That(UpdateFiles.StoredFiles(server), Is.Empty, "nothing over the limit is kept");
        Assert.That(UpdateFiles.TemporaryFiles(server), Is.Empty, "partial uploads are cleaned up");

        // Exactly at the limit is fine.
        var ok = await UpdateFiles.UploadAsync(client, "PROD-001", "v1.0.0", "main", UpdateFiles.Raw(UpdateFiles.Bytes(4096, 1)));
        Assert.That(ok["data"]!["main_file"]!["size"]!.GetValue<long>(), Is.EqualTo(4096));
        var version = await SendAsync(Internal, HttpMethod.Get, "/api/internal/products/PROD-001/versions/v1.0.0", null, HttpStatusCode.OK);
        Assert.That(version["data"]!["main_file"]!["size"]!.GetValue<long>(), Is.EqualTo(4096));
    }
}
