using System.Net;
using KeyBox.WebApi.IntegrationTests.Testing;

namespace KeyBox.WebApi.IntegrationTests.RateLimiting;

/// <summary>
/// The KeyBox <c>/validate*</c> limit: 5 requests per 15 minutes per client IP by default. The /validate routes do
/// not exist yet, so these tests probe a path under /validate that stays unknown (404) until the limit is reached.
/// </summary>
public sealed class ValidateRateLimitTests : RateLimitingTest
{
    private const string Probe = "/validate/rate-limit-probe";
    private const string KeyBoxRefusal = """{"success":false,"message":"Too many requests, please try again later.","error":"RATE_LIMITED"}""";

    [Test]
    public async Task The_sixth_request_in_15_minutes_from_one_IP_is_429_with_the_KeyBox_body_and_headers()
    {
        for (var remaining = 4; remaining >= 0; remaining--)
        {
            using var response = await CallAsync(Anonymous, Probe, "192.0.2.1", apiKey: null, HttpMethod.Post);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(Header(response, "RateLimit-Remaining"), Is.EqualTo(remaining.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(Header(response, "RateLimit-Policy"), Is.EqualTo("5;w=900"));
        }

        using var refused = await CallAsync(Anonymous, Probe, "192.0.2.1", apiKey: null, HttpMethod.Post);

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(refused.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        Assert.That(await refused.Content.ReadAsStringAsync(), Is.EqualTo(KeyBoxRefusal));
        Assert.That(Header(refused, "RateLimit-Limit"), Is.EqualTo("5"));
        Assert.That(Header(refused, "RateLimit-Remaining"), Is.EqualTo("0"));
        Assert.That(int.Parse(Header(refused, "RateLimit-Reset"), System.Globalization.CultureInfo.InvariantCulture), Is.InRange(890, 900));
        Assert.That(refused.Headers.RetryAfter?.Delta?.TotalSeconds, Is.InRange(890, 900));

        using var otherIp = await CallAsync(Anonymous, "/validate", "192.0.2.2", apiKey: null, HttpMethod.Post);
        Assert.That(otherIp.StatusCode, Is.Not.EqualTo(HttpStatusCode.TooManyRequests), "another IP has its own count");
    }

    [Test]
    public async Task The_validate_limit_is_separate_from_the_API_limit()
    {
        await SetLimitAsync(1);

        Assert.That(await StatusesAsync(Anonymous, 3, Probe, "192.0.2.3", apiKey: null), Is.EqualTo(Repeat(HttpStatusCode.NotFound, 3)));
        using var api = await CallAsync(Anonymous, ExternalRoute, "192.0.2.3");
        Assert.That(api.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task The_limit_and_window_are_configurable_and_0_turns_the_limit_off()
    {
        await using (var strict = new KeyBoxFactory(new Dictionary<string, string?>
        {
            ["RateLimiting:Validate:PermitLimit"] = "2",
            ["RateLimiting:Validate:WindowSeconds"] = "60",
        }))
        {
            using var client = strict.CreateClient();
            Assert.That(await StatusesAsync(client, 3, Probe, "192.0.2.4", apiKey: null),
                Is.EqualTo(new[] { HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests }));
            using var refused = await CallAsync(client, Probe, "192.0.2.4", apiKey: null);
            Assert.That(Header(refused, "RateLimit-Policy"), Is.EqualTo("2;w=60"));
        }

        await using var off = new KeyBoxFactory(new Dictionary<string, string?> { ["RateLimiting:Validate:PermitLimit"] = "0" });
        using var unlimited = off.CreateClient();
        Assert.That(await StatusesAsync(unlimited, 8, Probe, "192.0.2.5", apiKey: null), Is.EqualTo(Repeat(HttpStatusCode.NotFound, 8)));
    }
}
