using System.Net;
using System.Text.Json.Nodes;
using KeyBox.WebApi.IntegrationTests.Testing;

namespace KeyBox.WebApi.IntegrationTests.Foundation;

public sealed class HealthAndPlumbingTests : IntegrationTest
{
    [Test]
    public async Task Health_check_answers_ok_without_authentication()
    {
        var json = await SendAsync(Anonymous, HttpMethod.Get, "/api/health-check", null, HttpStatusCode.OK);
        Assert.That(json["status"]!.GetValue<string>(), Is.EqualTo("ok"));
    }

    [Test]
    public async Task Readiness_touches_the_database()
    {
        var json = await SendAsync(Anonymous, HttpMethod.Get, "/health/ready", null, HttpStatusCode.OK);
        Assert.That(json["status"]!.GetValue<string>(), Is.EqualTo("ok"));
        Assert.That(json["checks"]!["database"]!["status"]!.GetValue<string>(), Is.EqualTo("healthy"));
    }

    [Test]
    public async Task Readiness_is_503_when_the_database_does_not_answer()
    {
        await using var broken = new KeyBoxFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:KeyBox"] = "Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none;Timeout=2",
            ["Database:MigrateOnStartup"] = "false",
            ["Database:InitialiseOnStartup"] = "false",
        });
        using var client = broken.CreateClient();
        using var response = await client.GetAsync("/health/ready");
        var json = await ReadObjectAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(json["status"]!.GetValue<string>(), Is.EqualTo("unavailable"));
    }

    [Test]
    public async Task Responses_carry_a_correlation_id_and_report_api_versions()
    {
        using var response = await External.GetAsync("/api/external/connection-check");
        Assert.That(response.Headers.GetValues("X-Correlation-Id").Single(), Is.Not.Empty);
        Assert.That(response.Headers.GetValues("api-supported-versions").Single(), Does.Contain("1.0"));
    }

    [TestCase("?api-version=1.0", null)]
    [TestCase("", "1.0")]
    [TestCase("", null)]
    public async Task Api_version_is_read_from_query_or_header_and_defaults_to_1_0(string query, string? header)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/external/connection-check" + query);
        if (header is not null)
        {
            request.Headers.Add("X-Api-Version", header);
        }

        using var response = await External.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task An_unsupported_api_version_is_a_4xx_in_the_surface_envelope()
    {
        using var response = await Internal.GetAsync("/api/internal/products?api-version=9.0");
        var json = await ReadObjectAsync(response);
        Assert.That((int)response.StatusCode, Is.InRange(400, 499));
        JsonAssert.IsBoolean(json["status"], false, "status");
        Assert.That(json["message"]!.GetValue<string>(), Is.Not.Empty);
    }

    [Test]
    public async Task Cors_allows_any_origin_with_the_contract_methods()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/api/external/connection-check");
        request.Headers.Add("Origin", "https://shop.example");
        request.Headers.Add("Access-Control-Request-Method", "PATCH");
        using var response = await Anonymous.SendAsync(request);
        Assert.That(response.Headers.GetValues("Access-Control-Allow-Origin").Single(), Is.EqualTo("*"));
        Assert.That(string.Join(',', response.Headers.GetValues("Access-Control-Allow-Methods")), Does.Contain("PATCH"));
    }

    [Test]
    public async Task OpenApi_document_is_served_with_unique_operation_ids_and_documented_responses()
    {
        using var response = await Anonymous.GetAsync("/swagger/v1/swagger.json");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        var operations = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(op => op.Value!.AsObject()))
            .ToList();
        var ids = operations.Select(op => op["operationId"]!.GetValue<string>()).ToList();
        Assert.That(ids, Is.Unique);
        Assert.That(ids, Does.Contain("Internal_CreateProduct"));
        Assert.That(operations.All(op => op["responses"]!.AsObject().Count > 0), Is.True);
        Assert.That(document["components"]!["securitySchemes"]!["ApiKey"], Is.Not.Null);

        // The UI is off outside Development unless OpenApi:UiEnabled (SecurityHeadersTests); the document is always served.
        using var ui = await Anonymous.GetAsync("/swagger/index.html");
        Assert.That(ui.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
