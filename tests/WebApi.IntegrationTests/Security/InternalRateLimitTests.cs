using System.Net;
using KeyBox.WebApi.IntegrationTests.KeyBoxApi;
using KeyBox.WebApi.IntegrationTests.Testing;

namespace KeyBox.WebApi.IntegrationTests.Security;

/// <summary>Issue 14 item 5: the internal API is rate limited per account.</summary>
public sealed class InternalRateLimitTests : KeyBoxApiTest
{
    [Test]
    public async Task Each_account_has_its_own_internal_api_limit_answered_with_429_in_the_internal_envelope()
    {
        await using var limited = new KeyBoxFactory(new Dictionary<string, string?>
        {
            ["RateLimiting:Internal:PermitLimit"] = "3",
            ["RateLimiting:Internal:WindowSeconds"] = "60",
        });
        await SignUpAsync("dev@example.com");
        using var developer = BearerClient(limited, await LogInAsync("dev@example.com"));
        using var admin = limited.CreateClientWithKey(KeyBoxFactory.InternalKey);

        for (var i = 0; i < 3; i++)
        {
            using var allowed = await developer.GetAsync("/api/internal/products");
            Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(allowed.Headers.GetValues("RateLimit-Limit").Single(), Is.EqualTo("3"));
        }

        using var refused = await developer.GetAsync("/api/internal/product-licenses");
        var json = await ReadObjectAsync(refused);
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        JsonAssert.IsBoolean(json["status"], false, "status");
        JsonAssert.IsString(json["message"], "message");
        Assert.That(refused.Headers.RetryAfter, Is.Not.Null);

        // Another account is counted apart.
        using var other = await admin.GetAsync("/api/internal/products");
        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
