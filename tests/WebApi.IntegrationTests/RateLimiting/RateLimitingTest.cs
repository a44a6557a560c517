using System.Net;
using KeyBox.WebApi.IntegrationTests.Testing;

namespace KeyBox.WebApi.IntegrationTests.RateLimiting;

/// <summary>Helpers for the rate-limit tests: set the limit through the API, call as a given IP and key.</summary>
public abstract class RateLimitingTest : IntegrationTest
{
    protected const string ExternalRoute = "/api/external/connection-check";
    protected const string LicenseManagerRefusal = """{"status":false,"message":"Rate limit exceeded. Try again later."}""";

    protected Task SetLimitAsync(int perMinute, string method = "ip_address") => SetLimitAsync(Internal, perMinute, method);

    protected static Task SetLimitAsync(HttpClient internalClient, int perMinute, string method = "ip_address") =>
        SendAsync(internalClient, HttpMethod.Put, "/api/internal/settings",
            new { lm_requests_rate_limiting_period = perMinute, lm_requests_rate_limiting_method = method }, HttpStatusCode.OK);

    /// <summary>Sends a request as coming from <paramref name="ip"/> with <paramref name="apiKey"/> (none when null).</summary>
    protected static async Task<HttpResponseMessage> CallAsync(HttpClient client, string path, string? ip, string? apiKey = KeyBoxFactory.ExternalKey, HttpMethod? method = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, path);
        if (ip is not null)
        {
            request.Headers.Add(TestRemoteIpStartupFilter.Header, ip);
        }

        if (apiKey is not null)
        {
            request.Headers.Add("X-API-KEY", apiKey);
        }

        if (request.Method == HttpMethod.Post)
        {
            request.Content = Json(new { });
        }

        return await client.SendAsync(request);
    }

    protected static async Task<HttpStatusCode[]> StatusesAsync(HttpClient client, int count, string path, string? ip, string? apiKey = KeyBoxFactory.ExternalKey)
    {
        var statuses = new HttpStatusCode[count];
        for (var i = 0; i < count; i++)
        {
            using var response = await CallAsync(client, path, ip, apiKey);
            statuses[i] = response.StatusCode;
        }

        return statuses;
    }

    protected static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : throw new AssertionException($"The response has no {name} header.");

    protected static bool HasHeader(HttpResponseMessage response, string name) => response.Headers.Contains(name);

    protected static HttpStatusCode[] Repeat(HttpStatusCode status, int count) => Enumerable.Repeat(status, count).ToArray();

    /// <summary>Asserts the 429 of the external API and LicenseBox routes: exact body, JSON, and every header.</summary>
    protected static async Task AssertLicenseManagerRefusalAsync(HttpResponseMessage response, int limit)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(LicenseManagerRefusal));
        Assert.That(Header(response, "RateLimit-Limit"), Is.EqualTo(limit.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(Header(response, "RateLimit-Remaining"), Is.EqualTo("0"));
        Assert.That(Header(response, "RateLimit-Policy"), Is.EqualTo($"{limit};w=60"));
        Assert.That(int.Parse(Header(response, "RateLimit-Reset"), System.Globalization.CultureInfo.InvariantCulture), Is.InRange(1, 60));
        Assert.That(response.Headers.RetryAfter?.Delta?.TotalSeconds, Is.InRange(1, 60));
    }
}
