using System.Globalization;
using System.Net;
using KeyBox.WebApi.IntegrationTests.Testing;

namespace KeyBox.WebApi.IntegrationTests.Accounts;

public sealed class LogInTests : AccountsTest
{
    private const string InvalidCredentials = "Invalid email or password.";
    private const string TooManyFailures = "Too many failed login attempts, try again later.";

    [Test]
    public async Task Login_returns_a_token_that_works_on_auth_me()
    {
        var account = await SignUpAsync("dev@example.com", "Dev One");
        var json = await SendAsync(Anonymous, HttpMethod.Post, "/auth/login", new { email = "DEV@example.com", password = Password }, HttpStatusCode.OK);

        JsonAssert.IsBoolean(json["success"], true, "success");
        var data = json["data"]!.AsObject();
        Assert.That(data.Select(p => p.Key), Is.EquivalentTo(new[] { "token", "userId", "role", "expiresAt" }));
        JsonAssert.IsString(data["token"], "token");
        Assert.That(data["userId"]!.GetValue<string>(), Is.EqualTo(account["id"]!.GetValue<string>()));
        Assert.That(data["role"]!.GetValue<string>(), Is.EqualTo("DEVELOPER"));
        JsonAssert.IsString(data["expiresAt"], "expiresAt");
        var expiresAt = DateTimeOffset.Parse(data["expiresAt"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        Assert.That(expiresAt, Is.EqualTo(Server.Clock.GetUtcNow().AddMinutes(30)).Within(TimeSpan.FromSeconds(5)), "30 minutes by default");
        Assert.That(data["expiresAt"]!.GetValue<string>(), Does.EndWith("Z"), "ISO 8601 in UTC");

        using var client = BearerClient(Server, data["token"]!.GetValue<string>());
        var me = await SendAsync(client, HttpMethod.Get, "/auth/me", null, HttpStatusCode.OK);
        JsonAssert.IsBoolean(me["success"], true, "success");
        Assert.That(me["data"]!.AsObject().Select(p => p.Key), Is.EquivalentTo(new[] { "id", "name", "email", "role", "createdAt" }));
        Assert.That(me["data"]!["id"]!.GetValue<string>(), Is.EqualTo(account["id"]!.GetValue<string>()));
        Assert.That(me["data"]!["email"]!.GetValue<string>(), Is.EqualTo("dev@example.com"));
        Assert.That(me["data"]!["name"]!.GetValue<string>(), Is.EqualTo("Dev One"));
    }

    [Test]
    public async Task The_bootstrap_admin_logs_in_as_ADMIN()
    {
        var json = await LogInExpectingAsync(Anonymous, KeyBoxFactory.AdminEmail, KeyBoxFactory.AdminPassword, HttpStatusCode.OK);
        Assert.That(json["data"]!["role"]!.GetValue<string>(), Is.EqualTo("ADMIN"));
    }

    [Test]
    public async Task Wrong_password_and_unknown_email_fail_alike_with_401()
    {
        await SignUpAsync("dev@example.com");
        var wrongPassword = await LogInExpectingAsync(Anonymous, "dev@example.com", "not-the-password", HttpStatusCode.Unauthorized);
        var unknownEmail = await LogInExpectingAsync(Anonymous, "nobody@example.com", Password, HttpStatusCode.Unauthorized);

        foreach (var json in new[] { wrongPassword, unknownEmail })
        {
            JsonAssert.IsBoolean(json["success"], false, "success");
            Assert.That(json["message"]!.GetValue<string>(), Is.EqualTo(InvalidCredentials));
            Assert.That(json["error"]!.GetValue<string>(), Is.EqualTo("UNAUTHORIZED"));
        }

        Assert.That(wrongPassword.ToJsonString(), Is.EqualTo(unknownEmail.ToJsonString()), "nothing tells the two apart");
    }

    [Test]
    public async Task Missing_credentials_are_400_by_field()
    {
        var json = await SendAsync(Anonymous, HttpMethod.Post, "/auth/login", new { }, HttpStatusCode.BadRequest);
        Assert.That(json["errors"]!.AsObject().Select(e => e.Key), Is.EquivalentTo(new[] { "email", "password" }));
    }

    [Test]
    public async Task Five_failures_for_an_account_from_one_IP_refuse_the_next_attempt_from_it_with_429_until_the_window_passes()
    {
        await SignUpAsync("dev@example.com");
        using var attacker = ClientFrom("203.0.113.7");
        for (var i = 0; i < 5; i++)
        {
            await LogInExpectingAsync(attacker, "dev@example.com", "wrong-password-" + i, HttpStatusCode.Unauthorized);
        }

        // Even the right password is refused from that IP now, without being checked.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/login") { Content = Json(new { email = "dev@example.com", password = Password }) };
        using var response = await attacker.SendAsync(request);
        var json = await ReadObjectAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(json.Select(p => p.Key), Is.EquivalentTo(new[] { "success", "message", "error" }));
        JsonAssert.IsBoolean(json["success"], false, "success");
        Assert.That(json["message"]!.GetValue<string>(), Is.EqualTo(TooManyFailures));
        Assert.That(json["error"]!.GetValue<string>(), Is.EqualTo("RATE_LIMITED"));
        var retryAfter = int.Parse(response.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture);
        Assert.That(retryAfter, Is.InRange(14 * 60, 15 * 60));

        // Another account from the same IP, and the same account from another IP, are not affected.
        await LogInExpectingAsync(attacker, KeyBoxFactory.AdminEmail, KeyBoxFactory.AdminPassword, HttpStatusCode.OK);
        using var owner = ClientFrom("198.51.100.9");
        await LogInExpectingAsync(owner, "dev@example.com", Password, HttpStatusCode.OK);

        Server.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(5));
        await LogInExpectingAsync(attacker, "dev@example.com", Password, HttpStatusCode.OK);
    }

    [Test]
    public async Task Four_failures_then_a_success_start_the_count_again()
    {
        await SignUpAsync("dev@example.com");
        for (var i = 0; i < 4; i++)
        {
            await LogInExpectingAsync(Anonymous, "dev@example.com", "wrong", HttpStatusCode.Unauthorized);
        }

        await LogInExpectingAsync(Anonymous, "dev@example.com", Password, HttpStatusCode.OK);
        for (var i = 0; i < 4; i++)
        {
            await LogInExpectingAsync(Anonymous, "dev@example.com", "wrong", HttpStatusCode.Unauthorized);
        }

        await LogInExpectingAsync(Anonymous, "dev@example.com", Password, HttpStatusCode.OK);
    }

    [Test]
    public async Task Failures_are_counted_in_the_database_across_server_processes()
    {
        await SignUpAsync("dev@example.com");
        for (var i = 0; i < 5; i++)
        {
            await LogInExpectingAsync(Anonymous, "dev@example.com", "wrong", HttpStatusCode.Unauthorized);
        }

        await using var otherProcess = new KeyBoxFactory();
        using var client = otherProcess.CreateClient();
        var json = await LogInExpectingAsync(client, "dev@example.com", Password, HttpStatusCode.TooManyRequests);
        Assert.That(json["error"]!.GetValue<string>(), Is.EqualTo("RATE_LIMITED"));
    }

    [Test]
    public async Task Twenty_failures_from_one_IP_refuse_further_attempts_from_it_whatever_the_email()
    {
        await SignUpAsync("dev@example.com");
        using var attacker = ClientFrom("203.0.113.7");
        using var neighbour = ClientFrom("198.51.100.9");

        // Four guesses at each of five emails: under the pair limit (5), at the IP limit (20).
        for (var i = 0; i < 20; i++)
        {
            await LogInExpectingAsync(attacker, $"guess{i % 5}@example.com", "wrong", HttpStatusCode.Unauthorized);
        }

        var json = await LogInExpectingAsync(attacker, "dev@example.com", Password, HttpStatusCode.TooManyRequests);
        Assert.That(json["error"]!.GetValue<string>(), Is.EqualTo("RATE_LIMITED"));
        await LogInExpectingAsync(neighbour, "dev@example.com", Password, HttpStatusCode.OK);
    }

    [Test]
    public async Task Throttling_can_be_turned_off()
    {
        await using var unthrottled = new KeyBoxFactory(new Dictionary<string, string?> { ["Auth:LoginThrottle:WindowMinutes"] = "0" });
        using var client = unthrottled.CreateClient();
        client.DefaultRequestHeaders.Add(TestRemoteIp, "203.0.113.7");
        await SignUpAsync("dev@example.com");
        for (var i = 0; i < 6; i++)
        {
            await LogInExpectingAsync(client, "dev@example.com", "wrong", HttpStatusCode.Unauthorized);
        }

        await LogInExpectingAsync(client, "dev@example.com", Password, HttpStatusCode.OK);
        await using var connection = new Npgsql.NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var count = new Npgsql.NpgsqlCommand("SELECT count(*) FROM login_throttle", connection);
        Assert.That(await count.ExecuteScalarAsync(), Is.EqualTo(0L), "nothing is counted");
    }
}
