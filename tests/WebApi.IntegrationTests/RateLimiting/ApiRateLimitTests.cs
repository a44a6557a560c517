using System.Net;
using KeyBox.WebApi.IntegrationTests.Testing;

namespace KeyBox.WebApi.IntegrationTests.RateLimiting;

/// <summary>The per-minute limit of the external API and the LicenseBox routes, counted in this process.</summary>
public sealed class ApiRateLimitTests : RateLimitingTest
{
    private const string IpA = "203.0.113.10";
    private const string IpB = "203.0.113.20";

    [Test]
    public async Task Allowed_responses_report_the_limit_and_what_remains()
    {
        await SetLimitAsync(3);

        for (var remaining = 2; remaining >= 0; remaining--)
        {
            using var response = await CallAsync(Anonymous, ExternalRoute, IpA);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(Header(response, "RateLimit-Limit"), Is.EqualTo("3"));
            Assert.That(Header(response, "RateLimit-Remaining"), Is.EqualTo(remaining.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(Header(response, "RateLimit-Policy"), Is.EqualTo("3;w=60"));
            Assert.That(int.Parse(Header(response, "RateLimit-Reset"), System.Globalization.CultureInfo.InvariantCulture), Is.InRange(1, 60));
            Assert.That(HasHeader(response, "Retry-After"), Is.False);
        }
    }

    [Test]
    public async Task Over_the_limit_the_external_API_answers_429_with_the_contract_body_and_headers()
    {
        await SetLimitAsync(3);
        Assert.That(await StatusesAsync(Anonymous, 3, ExternalRoute, IpA), Is.EqualTo(Repeat(HttpStatusCode.OK, 3)));

        using var refused = await CallAsync(Anonymous, ExternalRoute, IpA);

        await AssertLicenseManagerRefusalAsync(refused, 3);
    }

    [Test]
    public async Task The_default_limit_is_3000_per_minute_by_IP()
    {
        using var response = await CallAsync(Anonymous, ExternalRoute, IpA);

        Assert.That(Header(response, "RateLimit-Limit"), Is.EqualTo("3000"));
        Assert.That(Header(response, "RateLimit-Remaining"), Is.EqualTo("2999"));
        Assert.That(Header(response, "RateLimit-Policy"), Is.EqualTo("3000;w=60"));
    }

    [Test]
    public async Task LicenseBox_routes_are_limited_with_the_same_body()
    {
        await SetLimitAsync(2);
        // No legacy controller exists yet: the limit applies by path, before routing.
        using (var first = await CallAsync(Anonymous, "/api/check_connection_ext", IpA, method: HttpMethod.Post))
        {
            Assert.That(first.StatusCode, Is.Not.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(Header(first, "RateLimit-Remaining"), Is.EqualTo("1"));
        }

        using (await CallAsync(Anonymous, "/api/activate_license", IpA, method: HttpMethod.Post))
        {
        }

        using var refused = await CallAsync(Anonymous, "/api/verify_license", IpA, method: HttpMethod.Post);
        await AssertLicenseManagerRefusalAsync(refused, 2);
    }

    [Test]
    public async Task Internal_routes_and_the_health_check_are_not_limited()
    {
        await SetLimitAsync(1);

        foreach (var path in new[] { "/api/internal/settings", "/api/health-check", "/health/ready" })
        {
            for (var i = 0; i < 3; i++)
            {
                using var response = await CallAsync(Anonymous, path, IpA, KeyBoxFactory.InternalKey);
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), path);
                Assert.That(HasHeader(response, "RateLimit-Limit"), Is.False, path);
            }
        }

        using var external = await CallAsync(Anonymous, ExternalRoute, IpA);
        Assert.That(external.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the internal calls did not use the external allowance");
    }

    [Test]
    public async Task By_IP_address_each_IP_has_its_own_count_whatever_the_key()
    {
        await SetLimitAsync(2, "ip_address");

        Assert.That(await StatusesAsync(Anonymous, 1, ExternalRoute, IpA, KeyBoxFactory.ExternalKey), Is.EqualTo(Repeat(HttpStatusCode.OK, 1)));
        Assert.That(await StatusesAsync(Anonymous, 1, ExternalRoute, IpA, KeyBoxFactory.InternalKey), Is.EqualTo(Repeat(HttpStatusCode.OK, 1)));
        using (var third = await CallAsync(Anonymous, ExternalRoute, IpA, KeyBoxFactory.InternalKey))
        {
            Assert.That(third.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests), "two keys from one IP share the IP's count");
        }

        Assert.That(await StatusesAsync(Anonymous, 2, ExternalRoute, IpB), Is.EqualTo(Repeat(HttpStatusCode.OK, 2)), "another IP has its own count");
    }

    [Test]
    public async Task By_API_key_two_keys_from_one_IP_are_counted_separately()
    {
        await SetLimitAsync(2, "api_key");

        Assert.That(await StatusesAsync(Anonymous, 2, ExternalRoute, IpA, KeyBoxFactory.ExternalKey), Is.EqualTo(Repeat(HttpStatusCode.OK, 2)));
        Assert.That(await StatusesAsync(Anonymous, 2, ExternalRoute, IpA, KeyBoxFactory.InternalKey), Is.EqualTo(Repeat(HttpStatusCode.OK, 2)));

        using var refused = await CallAsync(Anonymous, ExternalRoute, IpB, KeyBoxFactory.ExternalKey);
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests), "one key from another IP shares the key's count");
    }

    [Test]
    public async Task By_API_key_and_IP_each_pair_has_its_own_count()
    {
        await SetLimitAsync(1, "api_key_ip_address");

        Assert.That(await StatusesAsync(Anonymous, 1, ExternalRoute, IpA, KeyBoxFactory.ExternalKey), Is.EqualTo(Repeat(HttpStatusCode.OK, 1)));
        Assert.That(await StatusesAsync(Anonymous, 1, ExternalRoute, IpB, KeyBoxFactory.ExternalKey), Is.EqualTo(Repeat(HttpStatusCode.OK, 1)), "same key, other IP");
        Assert.That(await StatusesAsync(Anonymous, 1, ExternalRoute, IpA, KeyBoxFactory.InternalKey), Is.EqualTo(Repeat(HttpStatusCode.OK, 1)), "same IP, other key");

        using var refused = await CallAsync(Anonymous, ExternalRoute, IpA, KeyBoxFactory.ExternalKey);
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests), "the same pair again");
    }

    [Test]
    public async Task By_API_key_requests_without_a_key_are_counted_by_IP()
    {
        await SetLimitAsync(1, "api_key");

        using (var first = await CallAsync(Anonymous, ExternalRoute, IpA, apiKey: null))
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(Header(first, "RateLimit-Remaining"), Is.EqualTo("0"), "error responses carry the headers too");
        }

        using (var second = await CallAsync(Anonymous, ExternalRoute, IpA, apiKey: null))
        {
            await AssertLicenseManagerRefusalAsync(second, 1);
        }

        using var otherIp = await CallAsync(Anonymous, ExternalRoute, IpB, apiKey: null);
        Assert.That(otherIp.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Without_a_known_remote_address_callers_share_one_count()
    {
        await SetLimitAsync(2);

        Assert.That(await StatusesAsync(Anonymous, 3, ExternalRoute, ip: null), Is.EqualTo(new[] { HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
    }

    [Test]
    public async Task The_client_supplied_X_API_IP_header_does_not_change_the_count()
    {
        await SetLimitAsync(1);
        using (await CallAsync(Anonymous, ExternalRoute, IpA))
        {
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, ExternalRoute);
        request.Headers.Add(TestRemoteIpStartupFilter.Header, IpA);
        request.Headers.Add("X-API-KEY", KeyBoxFactory.ExternalKey);
        request.Headers.Add("X-API-IP", "198.51.100.99");
        using var response = await Anonymous.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
    }

    [Test]
    public async Task A_change_through_PUT_settings_applies_to_the_next_request()
    {
        await SetLimitAsync(2);
        Assert.That(await StatusesAsync(Anonymous, 3, ExternalRoute, IpA), Is.EqualTo(new[] { HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));

        await SetLimitAsync(5);

        using var raised = await CallAsync(Anonymous, ExternalRoute, IpA);
        Assert.That(raised.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Header(raised, "RateLimit-Limit"), Is.EqualTo("5"));
        Assert.That(Header(raised, "RateLimit-Remaining"), Is.EqualTo("1"), "the window's count is kept across the change");

        await SetLimitAsync(5, "api_key");
        using var rekeyed = await CallAsync(Anonymous, ExternalRoute, IpA);
        Assert.That(Header(rekeyed, "RateLimit-Remaining"), Is.EqualTo("4"), "counted by key now: a fresh count");
    }

    [Test]
    public async Task The_count_starts_over_when_the_minute_is_over()
    {
        await SetLimitAsync(1);
        Assert.That(await StatusesAsync(Anonymous, 2, ExternalRoute, IpA), Is.EqualTo(new[] { HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));

        Server.Clock.Advance(TimeSpan.FromSeconds(61));

        using var response = await CallAsync(Anonymous, ExternalRoute, IpA);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Header(response, "RateLimit-Remaining"), Is.EqualTo("0"));
    }

    [Test]
    public async Task A_429_carries_the_CORS_headers()
    {
        await SetLimitAsync(1);
        using (await CallAsync(Anonymous, ExternalRoute, IpA))
        {
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, ExternalRoute);
        request.Headers.Add(TestRemoteIpStartupFilter.Header, IpA);
        request.Headers.Add("Origin", "https://shop.example");
        using var response = await Anonymous.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(Header(response, "Access-Control-Allow-Origin"), Is.EqualTo("*"));
        Assert.That(Header(response, "Access-Control-Expose-Headers"), Does.Contain("RateLimit-Remaining").And.Contain("Retry-After"));
    }

    [Test]
    public async Task A_change_made_through_one_process_reaches_another_within_seconds()
    {
        await using var other = new KeyBoxFactory();
        using var otherClient = other.CreateClient();
        using (var before = await CallAsync(otherClient, ExternalRoute, IpB))
        {
            Assert.That(Header(before, "RateLimit-Limit"), Is.EqualTo("3000"));
        }

        await SetLimitAsync(7);

        // The other process polls the settings every RateLimiting:SettingsRefreshSeconds (2 s by default).
        var started = DateTime.UtcNow;
        string limit;
        do
        {
            await Task.Delay(200);
            using var response = await CallAsync(otherClient, ExternalRoute, "203.0.113." + Random.Shared.Next(100, 200));
            limit = Header(response, "RateLimit-Limit");
        }
        while (limit != "7" && DateTime.UtcNow - started < TimeSpan.FromSeconds(10));

        Assert.That(limit, Is.EqualTo("7"));
        Assert.That(DateTime.UtcNow - started, Is.LessThan(TimeSpan.FromSeconds(5)));
    }
}
