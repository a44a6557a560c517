using System.Net;
using System.Text.Json;
using KeyBox.WebApi.IntegrationTests.Testing;

namespace KeyBox.WebApi.IntegrationTests.RateLimiting;

public sealed class SettingsTests : RateLimitingTest
{
    [Test]
    public async Task Get_returns_the_defaults_in_the_internal_envelope()
    {
        var json = await SendAsync(Internal, HttpMethod.Get, "/api/internal/settings", null, HttpStatusCode.OK);

        JsonAssert.IsBoolean(json["status"], true, "status");
        Assert.That(json["message"]!.GetValue<string>(), Is.Not.Empty);
        var data = json["data"]!.AsObject();
        Assert.That(data["lm_requests_rate_limiting_period"]!.GetValueKind(), Is.EqualTo(JsonValueKind.Number));
        Assert.That(data["lm_requests_rate_limiting_period"]!.GetValue<int>(), Is.EqualTo(3000));
        Assert.That(data["lm_requests_rate_limiting_method"]!.GetValue<string>(), Is.EqualTo("ip_address"));
        Assert.That(data.ContainsKey("updated_at"), Is.True);
        Assert.That(data["updated_at"], Is.Null);
    }

    [Test]
    public async Task Put_changes_the_settings_and_get_returns_them()
    {
        var json = await SendAsync(Internal, HttpMethod.Put, "/api/internal/settings",
            new { lm_requests_rate_limiting_period = 120, lm_requests_rate_limiting_method = "api_key_ip_address" }, HttpStatusCode.OK);

        JsonAssert.IsBoolean(json["status"], true, "status");
        Assert.That(json["data"]!["lm_requests_rate_limiting_period"]!.GetValue<int>(), Is.EqualTo(120));
        Assert.That(json["data"]!["lm_requests_rate_limiting_method"]!.GetValue<string>(), Is.EqualTo("api_key_ip_address"));
        Assert.That(json["data"]!["updated_at"]!.GetValue<string>(), Does.EndWith("Z"));

        var fetched = await SendAsync(Internal, HttpMethod.Get, "/api/internal/settings", null, HttpStatusCode.OK);
        Assert.That(fetched["data"]!["lm_requests_rate_limiting_period"]!.GetValue<int>(), Is.EqualTo(120));
        Assert.That(fetched["data"]!["lm_requests_rate_limiting_method"]!.GetValue<string>(), Is.EqualTo("api_key_ip_address"));
    }

    [Test]
    public async Task Put_keeps_the_fields_it_omits()
    {
        await SendAsync(Internal, HttpMethod.Put, "/api/internal/settings", new { lm_requests_rate_limiting_method = "api_key" }, HttpStatusCode.OK);
        var json = await SendAsync(Internal, HttpMethod.Put, "/api/internal/settings", new { lm_requests_rate_limiting_period = 60 }, HttpStatusCode.OK);

        Assert.That(json["data"]!["lm_requests_rate_limiting_period"]!.GetValue<int>(), Is.EqualTo(60));
        Assert.That(json["data"]!["lm_requests_rate_limiting_method"]!.GetValue<string>(), Is.EqualTo("api_key"));
    }

    [TestCase(0, "lm_requests_rate_limiting_period")]
    [TestCase(-5, "lm_requests_rate_limiting_period")]
    [TestCase(1_000_001, "lm_requests_rate_limiting_period")]
    public async Task An_out_of_range_period_is_422_naming_the_field(int period, string field)
    {
        var json = await SendAsync(Internal, HttpMethod.Put, "/api/internal/settings", new { lm_requests_rate_limiting_period = period }, HttpStatusCode.UnprocessableEntity);

        JsonAssert.IsBoolean(json["status"], false, "status");
        Assert.That(json["errors"]![field]!.AsArray(), Is.Not.Empty);

        var unchanged = await SendAsync(Internal, HttpMethod.Get, "/api/internal/settings", null, HttpStatusCode.OK);
        Assert.That(unchanged["data"]!["lm_requests_rate_limiting_period"]!.GetValue<int>(), Is.EqualTo(3000));
    }

    [Test]
    public async Task An_unknown_method_is_422_listing_the_allowed_ones()
    {
        var json = await SendAsync(Internal, HttpMethod.Put, "/api/internal/settings", new { lm_requests_rate_limiting_method = "by_moon_phase" }, HttpStatusCode.UnprocessableEntity);

        JsonAssert.IsBoolean(json["status"], false, "status");
        var message = json["errors"]!["lm_requests_rate_limiting_method"]![0]!.GetValue<string>();
        Assert.That(message, Does.Contain("ip_address").And.Contain("api_key_ip_address"));
    }

    [Test]
    public async Task A_period_of_the_wrong_JSON_type_is_422()
    {
        var json = await SendAsync(Internal, HttpMethod.Put, "/api/internal/settings", RawJson("""{"lm_requests_rate_limiting_period":"lots"}"""), HttpStatusCode.UnprocessableEntity);

        JsonAssert.IsBoolean(json["status"], false, "status");
        Assert.That(json["errors"]!.AsObject().Select(e => e.Key), Does.Contain("lm_requests_rate_limiting_period"));
    }

    [Test]
    public async Task Settings_need_an_internal_key()
    {
        await SendAsync(External, HttpMethod.Get, "/api/internal/settings", null, HttpStatusCode.Forbidden);
        await SendAsync(External, HttpMethod.Put, "/api/internal/settings", new { lm_requests_rate_limiting_period = 1 }, HttpStatusCode.Forbidden);
        await SendAsync(Anonymous, HttpMethod.Get, "/api/internal/settings", null, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Settings_operations_and_the_429_are_documented_in_OpenAPI()
    {
        using var response = await Anonymous.GetAsync("/swagger/v1/swagger.json");
        var text = await response.Content.ReadAsStringAsync();
        var document = System.Text.Json.Nodes.JsonNode.Parse(text)!;

        Assert.That(text, Does.Contain("\"Internal_GetSettings\"").And.Contain("\"Internal_UpdateSettings\""));
        Assert.That(text, Does.Contain("lm_requests_rate_limiting_period"));
        Assert.That(document["paths"]!["/api/external/connection-check"]!["get"]!["responses"]!["429"], Is.Not.Null);
    }
}
