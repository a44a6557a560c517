using System.Collections.Concurrent;
using System.Net;
using KeyBox.WebApi.IntegrationTests.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace KeyBox.WebApi.IntegrationTests.RateLimiting;

/// <summary>
/// Counters shared through Redis by several server processes. Needs a Redis server in
/// <c>KEYBOX_REDIS_CONNECTION_STRING</c> (./build.sh test starts one); the fail-open test needs none.
/// </summary>
public sealed class RedisRateLimitTests : RateLimitingTest
{
    public const string EnvironmentVariable = "KEYBOX_REDIS_CONNECTION_STRING";
    private const string Ip = "198.51.100.7";

    private static string RequireRedis()
    {
        var connectionString = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            Assert.Ignore($"No Redis server: set {EnvironmentVariable} (e.g. 127.0.0.1:56380) to run the shared-counter tests; ./build.sh test does.");
        }

        return connectionString;
    }

    /// <summary>A server process on the test database whose counters live in Redis under a prefix of this test alone.</summary>
    private static KeyBoxFactory ServerWithRedis(string redis, string prefix, string refreshSeconds = "0.2") => new(new Dictionary<string, string?>
    {
        ["ConnectionStrings:Redis"] = redis,
        ["RateLimiting:RedisPrefix"] = prefix,
        ["RateLimiting:SettingsRefreshSeconds"] = refreshSeconds,
    });

    private static string UniquePrefix() => $"keybox-test:{Guid.NewGuid():N}:";

    [Test]
    public async Task Two_server_processes_share_one_limit_through_Redis()
    {
        var redis = RequireRedis();
        var prefix = UniquePrefix();
        await using var first = ServerWithRedis(redis, prefix);
        await using var second = ServerWithRedis(redis, prefix);
        using var firstClient = first.CreateClient();
        using var secondClient = second.CreateClient();

        using (var admin = first.CreateClientWithKey(KeyBoxFactory.InternalKey))
        {
            await SetLimitAsync(admin, 3);
        }

        await WaitForLimitAsync(secondClient, "3");

        Assert.That(await StatusesAsync(firstClient, 2, ExternalRoute, Ip), Is.EqualTo(Repeat(HttpStatusCode.OK, 2)));
        using (var third = await CallAsync(secondClient, ExternalRoute, Ip))
        {
            Assert.That(third.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(Header(third, "RateLimit-Remaining"), Is.EqualTo("0"), "the second process saw the first one's requests");
        }

        using (var fourth = await CallAsync(secondClient, ExternalRoute, Ip))
        {
            await AssertLicenseManagerRefusalAsync(fourth, 3);
        }

        using var fifth = await CallAsync(firstClient, ExternalRoute, Ip);
        await AssertLicenseManagerRefusalAsync(fifth, 3);
    }

    [Test]
    public async Task Readiness_reports_a_reachable_Redis()
    {
        var redis = RequireRedis();
        await using var server = ServerWithRedis(redis, UniquePrefix());
        using var client = server.CreateClient();

        var json = await SendAsync(client, HttpMethod.Get, "/health/ready", null, HttpStatusCode.OK);

        Assert.That(json["checks"]!["redis"]!["status"]!.GetValue<string>(), Is.EqualTo("healthy"));
    }

    [Test]
    public async Task When_Redis_does_not_answer_requests_are_served_and_readiness_is_503()
    {
        // Nothing listens on port 1: the configured Redis is down.
        var logs = new CapturingLoggerProvider();
        await using var factory = ServerWithRedis("127.0.0.1:1,connectTimeout=500", UniquePrefix());
        await using var server = factory.WithWebHostBuilder(builder => builder.ConfigureLogging(logging => logging.AddProvider(logs)));
        using var client = server.CreateClient();
        using (var admin = server.CreateClient())
        {
            admin.DefaultRequestHeaders.Add("X-API-KEY", KeyBoxFactory.InternalKey);
            await SetLimitAsync(admin, 1);
        }

        var started = DateTime.UtcNow;
        for (var i = 0; i < 4; i++)
        {
            using var response = await CallAsync(client, ExternalRoute, Ip);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "fail open: served although over the limit");
            Assert.That(HasHeader(response, "RateLimit-Limit"), Is.False, "no counts to report");
        }

        Assert.That(DateTime.UtcNow - started, Is.LessThan(TimeSpan.FromSeconds(5)), "an absent Redis does not hold requests up");
        Assert.That(logs.Warnings("KeyBox.Infrastructure.RateLimiting.RedisRateLimitCounterStore"), Has.Count.EqualTo(1), "one warning, not one per request");

        using var ready = await client.GetAsync("/health/ready");
        var json = await ReadObjectAsync(ready);
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(json["status"]!.GetValue<string>(), Is.EqualTo("unavailable"));
        Assert.That(json["checks"]!["redis"]!["status"]!.GetValue<string>(), Is.EqualTo("unhealthy"));
        Assert.That(json["checks"]!["database"]!["status"]!.GetValue<string>(), Is.EqualTo("healthy"));
    }

    private static async Task WaitForLimitAsync(HttpClient client, string expected)
    {
        var started = DateTime.UtcNow;
        while (true)
        {
            // Probes come from their own IP so that they do not use the tested IP's allowance.
            using var response = await CallAsync(client, ExternalRoute, "198.51.100.250");
            if (response.Headers.TryGetValues("RateLimit-Limit", out var values) && values.Single() == expected)
            {
                return;
            }

            if (DateTime.UtcNow - started > TimeSpan.FromSeconds(10))
            {
                Assert.Fail($"The second process did not apply the limit {expected} within 10 s.");
            }

            await Task.Delay(100);
        }
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<(string Category, LogLevel Level, string Message)> _entries = new();

        public IReadOnlyList<string> Warnings(string category) =>
            _entries.Where(e => e.Category == category && e.Level == LogLevel.Warning).Select(e => e.Message).ToList();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<(string, LogLevel, string)> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue((category, logLevel, formatter(state, exception)));
        }
    }
}
