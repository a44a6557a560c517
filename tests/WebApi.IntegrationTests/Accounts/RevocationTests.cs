using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using KeyBox.WebApi.IntegrationTests.Testing;
using Microsoft.IdentityModel.JsonWebTokens;

namespace KeyBox.WebApi.IntegrationTests.Accounts;

/// <summary>
/// Tokens and keys stop at once: logout, deactivation and role changes reach every server process (two test servers
/// on one database stand for two processes) through the database's notifications, within a second.
/// </summary>
public sealed class RevocationTests : AccountsTest
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(1);

    /// <summary>Polls until the request is answered 401, for at most a second; returns how long it took.</summary>
    private static async Task<TimeSpan> RefusedWithinAsync(HttpClient client, string url)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            using var response = await client.GetAsync(url);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                return watch.Elapsed;
            }

            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), url);
            if (watch.Elapsed > Within)
            {
                Assert.Fail($"{url} was still accepted after {watch.Elapsed.TotalMilliseconds:F0} ms");
            }

            await Task.Delay(20);
        }
    }

    [Test]
    public async Task Tokens_carry_the_account_s_security_stamp()
    {
        await SignUpAsync("dev@example.com");
        var jwt = new JsonWebToken(await LogInAsync("dev@example.com"));
        Assert.That(jwt.TryGetClaim("kb_stamp", out var stamp), Is.True);
        Assert.That(stamp.Value, Has.Length.EqualTo(32));
    }

    [Test]
    public async Task Logout_revokes_the_presented_token_at_once_on_every_process()
    {
        await using var otherProcess = new KeyBoxFactory();
        await SignUpAsync("dev@example.com");
        var token = await LogInAsync("dev@example.com");
        using var here = BearerClient(Server, token);
        using var there = BearerClient(otherProcess, token);
        await SendAsync(there, HttpMethod.Get, "/auth/me", null, HttpStatusCode.OK); // cached there

        var json = await SendAsync(here, HttpMethod.Post, "/auth/logout", null, HttpStatusCode.OK);
        JsonAssert.IsBoolean(json["success"], true, "success");

        var refused = await SendAsync(here, HttpMethod.Get, "/auth/me", null, HttpStatusCode.Unauthorized);
        Assert.That(refused["message"]!.GetValue<string>(), Does.Contain("revoked"));
        await RefusedWithinAsync(there, "/auth/me");

        // Logging in again gives a working token.
        using var again = BearerClient(otherProcess, await LogInAsync("dev@example.com"));
        await SendAsync(again, HttpMethod.Get, "/auth/me", null, HttpStatusCode.OK);
    }

    [Test]
    public async Task Logout_needs_a_bearer_token()
    {
        await SendAsync(Anonymous, HttpMethod.Post, "/auth/logout", null, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Deactivation_through_one_process_stops_the_account_s_tokens_and_keys_on_another_within_a_second()
    {
        await using var otherProcess = new KeyBoxFactory();
        var account = await SignUpAsync("dev@example.com");
        var token = await LogInAsync("dev@example.com");
        using var developer = BearerClient(Server, token);
        var key = (await SendAsync(developer, HttpMethod.Post, "/api/internal/api-keys", new { name = "k", type = "internal" }, HttpStatusCode.Created))["data"]!["key"]!.GetValue<string>();

        using var tokenThere = BearerClient(otherProcess, token);
        using var keyThere = otherProcess.CreateClientWithKey(key);
        // Both are read (and cached) on the other process before the change.
        await SendAsync(tokenThere, HttpMethod.Get, "/api/internal/products", null, HttpStatusCode.OK);
        await SendAsync(keyThere, HttpMethod.Get, "/api/internal/products", null, HttpStatusCode.OK);

        await SendAsync(Internal, HttpMethod.Put, $"/api/internal/users/{account["id"]!.GetValue<string>()}", new { is_active = false }, HttpStatusCode.OK);

        var tokenDelay = await RefusedWithinAsync(tokenThere, "/api/internal/products");
        var keyDelay = await RefusedWithinAsync(keyThere, "/api/internal/products");
        TestContext.Progress.WriteLine($"refused on the other process after {tokenDelay.TotalMilliseconds:F0} ms (token), {keyDelay.TotalMilliseconds:F0} ms (key)");

        var json = await SendAsync(keyThere, HttpMethod.Get, "/api/internal/products", null, HttpStatusCode.Unauthorized);
        JsonAssert.IsBoolean(json["status"], false, "status");
        await SendAsync(developer, HttpMethod.Get, "/auth/me", null, HttpStatusCode.Unauthorized);
        using var keyHere = Server.CreateClientWithKey(key);
        await SendAsync(keyHere, HttpMethod.Get, "/api/internal/products", null, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task A_role_change_stops_the_account_s_tokens_on_every_process()
    {
        await using var otherProcess = new KeyBoxFactory();
        var account = await SignUpAsync("dev@example.com");
        var token = await LogInAsync("dev@example.com");
        using var there = BearerClient(otherProcess, token);
        await SendAsync(there, HttpMethod.Get, "/auth/me", null, HttpStatusCode.OK);

        await SendAsync(Internal, HttpMethod.Put, $"/api/internal/users/{account["id"]!.GetValue<string>()}", new { role = "ADMIN" }, HttpStatusCode.OK);
        await RefusedWithinAsync(there, "/auth/me");

        var login = await LogInExpectingAsync(otherProcess.CreateClient(), "dev@example.com", Password, HttpStatusCode.OK);
        Assert.That(login["data"]!["role"]!.GetValue<string>(), Is.EqualTo("ADMIN"));
        using var promoted = BearerClient(otherProcess, login["data"]!["token"]!.GetValue<string>());
        await SendAsync(promoted, HttpMethod.Get, "/api/internal/settings", null, HttpStatusCode.OK);
    }

    [Test]
    public async Task A_stamp_changed_in_the_database_by_any_tool_revokes_the_token()
    {
        await SignUpAsync("dev@example.com");
        var token = await LogInAsync("dev@example.com");
        using var client = Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await SendAsync(client, HttpMethod.Get, "/auth/me", null, HttpStatusCode.OK);

        await ExecuteSqlAsync("UPDATE users SET security_stamp = 'a-different-stamp' WHERE email = 'dev@example.com'");
        await RefusedWithinAsync(client, "/auth/me");
    }
}
