using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using KeyBox.WebApi.IntegrationTests.Testing;

namespace KeyBox.WebApi.IntegrationTests.Foundation;

/// <summary>The bad inputs of issue 14 item 8, each answered with a 4xx in its surface's envelope instead of a 500.</summary>
public sealed class BadInputTests : IntegrationTest
{
    /// <summary>"😀" as CESU-8 (each UTF-16 surrogate as three bytes): not valid UTF-8.</summary>
    private static readonly byte[] Cesu8 = [0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80];

    private static ByteArrayContent RawBytes(byte[] bytes, string? contentType = "application/json")
    {
        var content = new ByteArrayContent(bytes);
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return content;
    }

    private static byte[] WithCesu8(string before, string after) => [.. Encoding.UTF8.GetBytes(before), .. Cesu8, .. Encoding.UTF8.GetBytes(after)];

    private static async Task<(HttpStatusCode Status, JsonObject Json)> PostAsync(HttpClient client, string url, HttpContent content)
    {
        using var response = await client.PostAsync(url, content);
        return (response.StatusCode, await ReadObjectAsync(response));
    }

    [TestCase("activate_license", "{\"product_id\":\"PROD-001\",\"license_code\":\"a", "b\",\"client_name\":\"x\"}")]
    [TestCase("verify_license", "{\"product_id\":\"PROD-001\",\"license_file\":\"a", "b\"}")]
    [TestCase("check_update", "{\"product_id\":\"PROD-001\",\"current_version\":\"1", "\"}")]
    [TestCase("deactivate_license", "{\"license_code\":\"x\",\"client_name\":\"a", "\"}")]
    [TestCase("check_update", "{\"product_id\":\"PROD-001\",\"", "\":\"1\"}")]
    public async Task Invalid_UTF8_in_a_LicenseBox_body_is_a_400_in_the_legacy_envelope(string route, string before, string after)
    {
        await CreateProductAsync("PROD-001");
        var (status, json) = await PostAsync(External, "/api/" + route, RawBytes(WithCesu8(before, after)));
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), json.ToJsonString());
        JsonAssert.IsBoolean(json["status"], false, "status");
        Assert.That(json["message"]!.GetValue<string>(), Does.Contain("not valid JSON"));
        if (route == "activate_license")
        {
            Assert.That(json.ContainsKey("lic_response") && json["lic_response"] is null, "lic_response is null on failure");
        }
    }

    [Test]
    public async Task An_escaped_lone_surrogate_in_a_LicenseBox_body_is_a_400_in_the_legacy_envelope()
    {
        var (status, json) = await PostAsync(External, "/api/verify_license", RawJson("""{"product_id":"P","license_code":"\ud800x"}"""));
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), json.ToJsonString());
        JsonAssert.IsBoolean(json["status"], false, "status");
    }

    [Test]
    public async Task A_well_formed_but_invalid_LicenseBox_body_stays_a_200_business_refusal()
    {
        var (status, json) = await PostAsync(External, "/api/verify_license", RawJson("""{"product_id":"NOPE","license_code":"X"}"""));
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), json.ToJsonString());
        JsonAssert.IsBoolean(json["status"], false, "status");
    }

    [Test]
    public async Task Invalid_UTF8_on_the_other_surfaces_is_a_4xx_in_their_envelope()
    {
        var (internalStatus, internalJson) = await PostAsync(Internal, "/api/internal/products", RawBytes(WithCesu8("{\"name\":\"a", "\",\"reference_id\":\"P-1\"}")));
        Assert.That(internalStatus, Is.EqualTo(HttpStatusCode.UnprocessableEntity), internalJson.ToJsonString());
        JsonAssert.IsBoolean(internalJson["status"], false, "status");

        var (externalStatus, externalJson) = await PostAsync(External, "/api/external/license/verify", RawBytes(WithCesu8("{\"license_code\":\"a", "\"}")));
        Assert.That(externalStatus, Is.EqualTo(HttpStatusCode.UnprocessableEntity), externalJson.ToJsonString());
        JsonAssert.IsBoolean(externalJson["is_active"], false, "is_active");

        var (keyBoxStatus, keyBoxJson) = await PostAsync(Anonymous, "/validate", RawBytes(WithCesu8("{\"key\":\"a", "\"}")));
        Assert.That(keyBoxStatus, Is.EqualTo(HttpStatusCode.BadRequest), keyBoxJson.ToJsonString());
        JsonAssert.IsBoolean(keyBoxJson["success"], false, "success");
    }

    [Test]
    public async Task A_body_without_a_content_type_is_a_415_in_each_surface_envelope()
    {
        var body = Encoding.UTF8.GetBytes("""{"name":"x","reference_id":"P-1"}""");

        using var internalResponse = await Internal.PostAsync("/api/internal/products", RawBytes(body, contentType: null));
        var internalJson = await ReadObjectAsync(internalResponse);
        Assert.That(internalResponse.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType), internalJson.ToJsonString());
        JsonAssert.IsBoolean(internalJson["status"], false, "status");
        Assert.That(internalJson["message"]!.GetValue<string>(), Does.Contain("application/json"));

        using var externalResponse = await External.PostAsync("/api/external/license/activate", RawBytes(body, contentType: null));
        var externalJson = await ReadObjectAsync(externalResponse);
        Assert.That(externalResponse.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType), externalJson.ToJsonString());
        JsonAssert.IsBoolean(externalJson["is_active"], false, "is_active");
        Assert.That(externalJson["code"]!.GetValue<string>(), Is.EqualTo("UNSUPPORTED_MEDIA_TYPE"));

        using var keyBoxResponse = await Anonymous.PostAsync("/auth/login", RawBytes(body, contentType: "text/plain"));
        var keyBoxJson = await ReadObjectAsync(keyBoxResponse);
        Assert.That(keyBoxResponse.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType), keyBoxJson.ToJsonString());
        JsonAssert.IsBoolean(keyBoxJson["success"], false, "success");
        Assert.That(keyBoxJson["error"]!.GetValue<string>(), Is.EqualTo("UNSUPPORTED_MEDIA_TYPE"));
    }

    [Test]
    public async Task A_page_beyond_any_list_is_a_422_not_a_500()
    {
        var json = await SendAsync(Internal, HttpMethod.Get, "/api/internal/product-licenses?page=21474837&per_page=100&search=38", null, HttpStatusCode.UnprocessableEntity);
        JsonAssert.IsBoolean(json["status"], false, "status");
        Assert.That(json["errors"]!.AsObject().Select(e => e.Key), Does.Contain("page"));

        await SendAsync(Internal, HttpMethod.Get, "/api/internal/products?page=2147483647&per_page=2147483647", null, HttpStatusCode.UnprocessableEntity);
        await SendAsync(Internal, HttpMethod.Get, "/api/internal/products?page=3&per_page=100", null, HttpStatusCode.OK);
    }

    [Test]
    public async Task Errors_for_one_field_in_two_namings_are_one_entry()
    {
        // A lenient body (JSON, form or query) sent product_id and productId, both of the wrong JSON type.
        var json = await SendAsync(External, HttpMethod.Post, "/api/external/update/1.0.0/download/main",
            RawJson("""{"product_id":{},"productId":[]}"""), HttpStatusCode.UnprocessableEntity);
        JsonAssert.IsBoolean(json["is_active"], false, "is_active");
        Assert.That(json["errors"]!["product_id"]!.AsArray().Select(m => m!.GetValue<string>()), Is.Unique.And.Not.Empty, json.ToJsonString());
    }

    [Test]
    public async Task An_upload_whose_multipart_body_ends_early_is_a_400()
    {
        await CreateProductAsync("PROD-001");
        await CreateVersionAsync("PROD-001", "v1.0.0", "1.0.0");
        var body = Encoding.UTF8.GetBytes("--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.zip\"\r\n\r\nPK\u0003\u0004 and no closing boundary");
        using var response = await Internal.PutAsync("/api/internal/products/PROD-001/versions/v1.0.0/files/main", RawBytes(body, "multipart/form-data; boundary=B"));
        var json = await ReadObjectAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), json.ToJsonString());
        JsonAssert.IsBoolean(json["status"], false, "status");

        var version = await SendAsync(Internal, HttpMethod.Get, "/api/internal/products/PROD-001/versions/v1.0.0", null, HttpStatusCode.OK);
        Assert.That(version["data"]!["main_file"], Is.Null, "nothing was stored");
    }
}
