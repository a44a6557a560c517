using System.Globalization;
using System.Net;
using KeyBox.WebApi.IntegrationTests.Testing;
using Npgsql;

namespace KeyBox.WebApi.IntegrationTests.Accounts;

/// <summary>
/// The login throttle under attack: concurrent guesses on two server processes sharing one database check no more
/// passwords than the limits allow, and an attacker cannot lock the account's owner out from another IP.
/// </summary>
public sealed class LoginThrottleTests : AccountsTest
{
    private const string Victim = "dev@example.com";
    private KeyBoxFactory _other = null!;

    [OneTimeSetUp]
    public void StartSecondServer()
    {
        _other = new KeyBoxFactory();
        _ = _other.Server;
    }

    [OneTimeTearDown]
    public async Task StopSecondServerAsync() => await _other.DisposeAsync();

    [SetUp]
    public Task ForgetSecondServerStateAsync() => _other.ReinitialiseAsync();

    [Test]
    public async Task Forty_concurrent_wrong_passwords_for_one_account_and_IP_on_two_servers_check_exactly_five()
    {
        await SignUpAsync(Victim);
        using var onA = ClientFrom("203.0.113.7");
        using var onB = ClientFrom("203.0.113.7", _other);

        var statuses = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => LogInStatusAsync(i % 2 == 0 ? onA : onB, Victim, "wrong-" + i)));

        Assert.That(statuses.Count(s => s == HttpStatusCode.Unauthorized), Is.EqualTo(5), "passwords actually checked");
        Assert.That(statuses.Count(s => s == HttpStatusCode.TooManyRequests), Is.EqualTo(35));
        await LogInExpectingAsync(onA, Victim, Password, HttpStatusCode.TooManyRequests);

        // The owner, from another IP, is not locked out.
        using var owner = ClientFrom("198.51.100.9", _other);
        await LogInExpectingAsync(owner, Victim, Password, HttpStatusCode.OK);
    }

    [Test]
    public async Task Concurrent_guesses_from_one_IP_at_many_accounts_on_two_servers_check_exactly_the_IP_limit()
    {
        using var onA = ClientFrom("203.0.113.7");
        using var onB = ClientFrom("203.0.113.7", _other);

        var statuses = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => LogInStatusAsync(i % 2 == 0 ? onA : onB, $"guess{i}@example.com", "wrong")));

        Assert.That(statuses.Count(s => s == HttpStatusCode.Unauthorized), Is.EqualTo(20));
        Assert.That(statuses.Count(s => s == HttpStatusCode.TooManyRequests), Is.EqualTo(20));
    }

    [Test]
    public async Task Beyond_the_account_ceiling_the_right_password_from_a_new_IP_is_slowed_not_blocked()
    {
        await using var server = new KeyBoxFactory(new Dictionary<string, string?>
        {
            ["Auth:LoginThrottle:PerAccountMaxFailures"] = "6",
            ["Auth:LoginThrottle:PerAccountDelaySeconds"] = "3",
        });
        await SignUpAsync(Victim);

        // An attacker spread over IPs, under every pair and IP limit, reaches the account's ceiling ...
        for (var i = 0; i < 6; i++)
        {
            using var bot = ClientFrom($"203.0.113.{10 + (i / 2)}", server);
            await LogInExpectingAsync(bot, Victim, "wrong-" + i, HttpStatusCode.Unauthorized);
        }

        // ... then one guess per 3 seconds for the whole account, whatever the IP.
        using (var bot = ClientFrom("203.0.113.50", server))
        {
            await LogInExpectingAsync(bot, Victim, "wrong", HttpStatusCode.Unauthorized);
        }

        using var owner = ClientFrom("198.51.100.9", server);
        using var response = await owner.PostAsync("/auth/login", Json(new { email = Victim, password = Password }));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        var retryAfter = int.Parse(response.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture);
        Assert.That(retryAfter, Is.InRange(1, 3), "seconds, not the window's 15 minutes");

        server.Clock.Advance(TimeSpan.FromSeconds(3));
        await LogInExpectingAsync(owner, Victim, Password, HttpStatusCode.OK);
    }

    [Test]
    public async Task Beyond_the_account_ceiling_concurrent_guesses_from_many_IPs_on_two_servers_check_one_password_per_delay()
    {
        var slowed = new Dictionary<string, string?>
        {
            ["Auth:LoginThrottle:PerAccountMaxFailures"] = "2",
            ["Auth:LoginThrottle:PerAccountDelaySeconds"] = "60",
        };
        await using var a = new KeyBoxFactory(slowed);
        await using var b = new KeyBoxFactory(slowed);
        await SignUpAsync(Victim);
        for (var i = 0; i < 2; i++)
        {
            using var bot = ClientFrom($"203.0.113.{10 + i}", a);
            await LogInExpectingAsync(bot, Victim, "wrong", HttpStatusCode.Unauthorized);
        }

        var clients = Enumerable.Range(0, 20).Select(i => ClientFrom($"198.51.100.{10 + i}", i % 2 == 0 ? a : b)).ToList();
        try
        {
            var statuses = await Task.WhenAll(clients.Select(c => LogInStatusAsync(c, Victim, "wrong")));
            Assert.That(statuses.Count(s => s == HttpStatusCode.Unauthorized), Is.EqualTo(1), "passwords actually checked");
            Assert.That(statuses.Count(s => s == HttpStatusCode.TooManyRequests), Is.EqualTo(19));
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    [Test]
    public async Task Addresses_of_one_IPv6_64_network_count_as_one_client()
    {
        await SignUpAsync(Victim);
        for (var i = 1; i <= 5; i++)
        {
            using var rotating = ClientFrom($"2001:db8:1:2::{i:x}");
            await LogInExpectingAsync(rotating, Victim, "wrong", HttpStatusCode.Unauthorized);
        }

        using (var next = ClientFrom("2001:db8:1:2:ffff::99"))
        {
            await LogInExpectingAsync(next, Victim, Password, HttpStatusCode.TooManyRequests);
        }

        using var otherNetwork = ClientFrom("2001:db8:1:3::1");
        await LogInExpectingAsync(otherNetwork, Victim, Password, HttpStatusCode.OK);
    }

    [Test]
    public async Task A_successful_login_gives_back_its_IP_place()
    {
        await using var server = new KeyBoxFactory(new Dictionary<string, string?> { ["Auth:LoginThrottle:PerIpMaxFailures"] = "3" });
        using var office = ClientFrom("203.0.113.7", server);

        // More successful logins from one address than its failure limit: colleagues behind one NAT.
        for (var i = 0; i < 5; i++)
        {
            await LogInExpectingAsync(office, KeyBoxFactory.AdminEmail, KeyBoxFactory.AdminPassword, HttpStatusCode.OK);
        }

        Assert.That(await CountersAsync(), Is.Empty, "a success leaves no counter behind");
    }

    [Test]
    public async Task Refused_attempts_count_nowhere_and_ended_windows_are_forgotten()
    {
        using var attacker = ClientFrom("203.0.113.7");
        for (var i = 0; i < 5; i++)
        {
            await LogInExpectingAsync(attacker, Victim, "wrong", HttpStatusCode.Unauthorized);
        }

        await LogInExpectingAsync(attacker, Victim, "wrong", HttpStatusCode.TooManyRequests);
        var afterFailures = await CountersAsync();
        Assert.That(afterFailures, Is.EquivalentTo(new[]
        {
            ("pair:dev@example.com|203.0.113.7", 5), ("ip:203.0.113.7", 5), ("account:dev@example.com", 5),
        }), "the refused attempt counted nowhere");

        // Once their window has ended, the next failure (of anyone) removes them.
        Server.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        using var someoneElse = ClientFrom("198.51.100.9");
        await LogInExpectingAsync(someoneElse, "other@example.com", "wrong", HttpStatusCode.Unauthorized);
        Assert.That((await CountersAsync()).Select(c => c.Key), Is.EquivalentTo(new[]
        {
            "pair:other@example.com|198.51.100.9", "ip:198.51.100.9", "account:other@example.com",
        }));
    }

    [TestCase("-1")]
    [TestCase("NaN")]
    [TestCase("86401")]
    public async Task A_per_account_delay_out_of_range_stops_the_server_at_start(string seconds)
    {
        await using var server = new KeyBoxFactory(new Dictionary<string, string?> { ["Auth:LoginThrottle:PerAccountDelaySeconds"] = seconds });
        var failure = Assert.Catch(() => _ = server.Server);
        Assert.That(failure!.ToString(), Does.Contain("Auth:LoginThrottle:PerAccountDelaySeconds must be between 0 and 86400"));
    }

    private static async Task<HttpStatusCode> LogInStatusAsync(HttpClient client, string email, string password)
    {
        using var response = await client.PostAsync("/auth/login", Json(new { email, password }));
        return response.StatusCode;
    }

    private static async Task<List<(string Key, int Attempts)>> CountersAsync()
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT key, attempts FROM login_throttle", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var counters = new List<(string, int)>();
        while (await reader.ReadAsync())
        {
            counters.Add((reader.GetString(0), reader.GetInt32(1)));
        }

        return counters;
    }
}
