using System.Net;
using KeyBox.WebApi.IntegrationTests.Testing;

namespace KeyBox.WebApi.IntegrationTests.Accounts;

/// <summary>Server-wide powers (settings, users) are ADMIN only: a DEVELOPER gets 403 FORBIDDEN, by bearer token or by API key.</summary>
public sealed class AdminOnlyTests : AccountsTest
{
    private static readonly (HttpMethod Method, string Url, object? Body)[] AdminOnlyRoutes =
    [
        (HttpMethod.Get, "/api/internal/settings", null),
        (HttpMethod.Put, "/api/internal/settings", new { lm_requests_rate_limiting_period = 1 }),
        (HttpMethod.Get, "/api/internal/users", null),
        (HttpMethod.Post, "/api/internal/users", new { email = "new@example.com", name = "New", role = "ADMIN", password = "a-long-enough-password" }),
        (HttpMethod.Get, $"/api/internal/users/{Guid.NewGuid()}", null),
        (HttpMethod.Put, $"/api/internal/users/{Guid.NewGuid()}", new { role = "ADMIN" }),
        (HttpMethod.Post, "/api/internal/signing-keys/rotate", null),
    ];

    private async Task<(HttpClient Bearer, HttpClient Key, string UserId)> DeveloperCredentialsAsync(string email = "dev@example.com")
    {
        var account = await SignUpAsync(email);
        var bearer = BearerClient(Server, await LogInAsync(email));
        var created = await SendAsync(bearer, HttpMethod.Post, "/api/internal/api-keys", new { name = "dev key", type = "internal" }, HttpStatusCode.Created);
        return (bearer, Server.CreateClientWithKey(created["data"]!["key"]!.GetValue<string>()), account["id"]!.GetValue<string>());
    }

    [Test]
    public async Task A_developer_gets_403_on_every_admin_only_route_with_a_bearer_token_or_an_internal_key()
    {
        var (bearer, key, _) = await DeveloperCredentialsAsync();
        using (bearer)
        using (key)
        {
            foreach (var client in new[] { bearer, key })
            {
                foreach (var (method, url, body) in AdminOnlyRoutes)
                {
                    var json = await SendAsync(client, method, url, body, HttpStatusCode.Forbidden);
                    Assert.That(json.Select(p => p.Key), Is.EquivalentTo(new[] { "status", "message" }), $"{method} {url}");
                    JsonAssert.IsBoolean(json["status"], false, "status");
                }
            }
        }

        var settings = await SendAsync(Internal, HttpMethod.Get, "/api/internal/settings", null, HttpStatusCode.OK);
        Assert.That(settings["data"]!["lm_requests_rate_limiting_period"]!.GetValue<int>(), Is.EqualTo(3000), "the refused change was not applied");
        Assert.That(await ScalarAsync("SELECT count(*) FROM users WHERE email = 'new@example.com'"), Is.EqualTo(0L));
    }

    [Test]
    public async Task A_developer_is_refused_before_the_input_is_validated()
    {
        var (bearer, key, _) = await DeveloperCredentialsAsync();
        using (bearer)
        using (key)
        {
            var json = await SendAsync(bearer, HttpMethod.Put, "/api/internal/settings", new { lm_requests_rate_limiting_period = -5 }, HttpStatusCode.Forbidden);
            Assert.That(json.ContainsKey("errors"), Is.False, "no hint about the input rules");
        }
    }

    [Test]
    public async Task An_admin_may_use_them_with_a_bearer_token_or_an_internal_key()
    {
        using var admin = BearerClient(Server, await LogInAsync(KeyBoxFactory.AdminEmail, KeyBoxFactory.AdminPassword));
        foreach (var client in new[] { admin, Internal })
        {
            await SendAsync(client, HttpMethod.Get, "/api/internal/settings", null, HttpStatusCode.OK);
            await SendAsync(client, HttpMethod.Put, "/api/internal/settings", new { lm_requests_rate_limiting_period = 2500 }, HttpStatusCode.OK);
            await SendAsync(client, HttpMethod.Get, "/api/internal/users", null, HttpStatusCode.OK);
        }
    }

    [Test]
    public async Task An_API_key_acts_with_its_account_s_current_role()
    {
        var (bearer, key, userId) = await DeveloperCredentialsAsync();
        using (bearer)
        using (key)
        {
            await SendAsync(key, HttpMethod.Get, "/api/internal/settings", null, HttpStatusCode.Forbidden);

            await SendAsync(Internal, HttpMethod.Put, $"/api/internal/users/{userId}", new { role = "ADMIN" }, HttpStatusCode.OK);
            await SendAsync(key, HttpMethod.Get, "/api/internal/settings", null, HttpStatusCode.OK);

            await SendAsync(Internal, HttpMethod.Put, $"/api/internal/users/{userId}", new { role = "DEVELOPER" }, HttpStatusCode.OK);
            await SendAsync(key, HttpMethod.Get, "/api/internal/settings", null, HttpStatusCode.Forbidden);
        }
    }
}
