using System.Net;
using KeyBox.WebApi.IntegrationTests.Testing;

namespace KeyBox.WebApi.IntegrationTests.Foundation;

public sealed class ErrorEnvelopeTests : IntegrationTest
{
    [Test]
    public async Task Validation_failure_is_422_with_errors_by_snake_case_field()
    {
        var json = await SendAsync(Internal, HttpMethod.Post, "/api/internal/products", new { description = "no name" }, HttpStatusCode.UnprocessableEntity);
        JsonAssert.IsBoolean(json["status"], false, "status");
        JsonAssert.IsString(json["message"], "message");
        var errors = json["errors"]!.AsObject();
        Assert.That(errors.Select(e => e.Key), Is.SupersetOf(new[] { "name", "reference_id" }));
        Assert.That(errors["name"]!.AsArray()[0]!.GetValue<string>(), Is.Not.Empty);
    }

    [Test]
    public async Task Malformed_json_is_a_4xx_envelope_not_a_500()
    {
        var json = await SendAsync(Internal, HttpMethod.Post, "/api/internal/products", RawJson("{\"name\": \"x\", "), HttpStatusCode.UnprocessableEntity);
        JsonAssert.IsBoolean(json["status"], false, "status");
        Assert.That(json["message"]!.GetValue<string>(), Does.Contain("JSON"));
    }

    [Test]
    public async Task Wrong_json_type_is_a_4xx_envelope_naming_the_field()
    {
        var json = await SendAsync(Internal, HttpMethod.Post, "/api/internal/products",
            RawJson("{\"name\":\"x\",\"reference_id\":\"P-1\",\"is_active\":\"yes\"}"), HttpStatusCode.UnprocessableEntity);
        Assert.That(json["errors"]!.AsObject().Select(e => e.Key), Does.Contain("is_active"));
    }

    [Test]
    public async Task A_NUL_character_in_stored_or_searched_text_is_a_422_envelope_not_a_500()
    {
        // Valid JSON and a valid URL, but PostgreSQL text cannot hold U+0000.
        var stored = await SendAsync(Internal, HttpMethod.Post, "/api/internal/products",
            RawJson("{\"name\":\"a\\u0000b\",\"reference_id\":\"P-NUL\"}"), HttpStatusCode.UnprocessableEntity);
        JsonAssert.IsBoolean(stored["status"], false, "status");
        Assert.That(stored["message"]!.GetValue<string>(), Does.Contain("U+0000"));
        await SendAsync(Internal, HttpMethod.Get, "/api/internal/products/P-NUL", null, HttpStatusCode.NotFound);

        var searched = await SendAsync(Internal, HttpMethod.Get, "/api/internal/product-licenses?search=a%00b", null, HttpStatusCode.UnprocessableEntity);
        JsonAssert.IsBoolean(searched["status"], false, "status");

        var external = await SendAsync(External, HttpMethod.Post, "/api/external/license/verify",
            RawJson("{\"license_code\":\"a\\u0000b\"}"), HttpStatusCode.UnprocessableEntity);
        JsonAssert.IsBoolean(external["status"], false, "status");
    }

    [Test]
    public async Task Request_body_with_charset_is_accepted()
    {
        using var content = new StringContent("{\"name\":\"Charset\",\"reference_id\":\"P-CHARSET\"}");
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("application/json; charset=utf-8");
        using var response = await Internal.PostAsync("/api/internal/products", content);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [Test]
    public async Task Unknown_routes_are_json_404_in_each_surface_envelope()
    {
        var internalJson = await SendAsync(Internal, HttpMethod.Get, "/api/internal/nothing-here", null, HttpStatusCode.NotFound);
        JsonAssert.IsBoolean(internalJson["status"], false, "status");

        var externalJson = await SendAsync(External, HttpMethod.Get, "/api/external/nothing-here", null, HttpStatusCode.NotFound);
        JsonAssert.IsBoolean(externalJson["is_active"], false, "is_active");

        var rootJson = await SendAsync(Anonymous, HttpMethod.Get, "/nothing-here", null, HttpStatusCode.NotFound);
        JsonAssert.IsBoolean(rootJson["success"], false, "success");
        Assert.That(rootJson["error"]!.GetValue<string>(), Is.EqualTo("NOT_FOUND"));
    }

    [Test]
    public async Task Wrong_method_is_a_json_405()
    {
        var json = await SendAsync(Internal, HttpMethod.Patch, "/api/internal/products", new { }, HttpStatusCode.MethodNotAllowed);
        JsonAssert.IsBoolean(json["status"], false, "status");
    }

    [Test]
    public async Task Not_found_resource_is_404_in_the_envelope()
    {
        var json = await SendAsync(Internal, HttpMethod.Get, "/api/internal/products/NOPE", null, HttpStatusCode.NotFound);
        JsonAssert.IsBoolean(json["status"], false, "status");
        Assert.That(json["message"]!.GetValue<string>(), Does.Contain("NOPE"));
    }
}
