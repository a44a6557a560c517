using KeyBox.Application.Common.Interfaces;
using KeyBox.Application.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace KeyBox.Infrastructure.RateLimiting;

/// <summary>
/// Counters in Redis, shared by every server process: one Lua script increments the key and starts its expiry on
/// the first hit, atomically. When Redis does not answer the request is let through (fail open) and a warning is
/// logged at most once a minute; the readiness check reports the outage.
/// </summary>
internal sealed class RedisRateLimitCounterStore(
    RedisConnection redis,
    IOptions<RateLimitingOptions> options,
    ILogger<RedisRateLimitCounterStore> logger) : IRateLimitCounterStore
{
    // Returns {count, milliseconds until the window resets}. A key that somehow lost its expiry gets one again.
    private const string IncrementScript = """
        local count = redis.call('INCR', KEYS[1])
        if count == 1 then
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
        end
        local ttl = redis.call('PTTL', KEYS[1])
        if ttl < 0 then
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            ttl = tonumber(ARGV[1])
        end
        return {count, ttl}
        """;

    private readonly LogThrottle _warnings = new(TimeSpan.FromMinutes(1));
    private volatile bool _failing;

    public async ValueTask<RateLimitCount?> IncrementAsync(string key, TimeSpan window, CancellationToken cancellationToken)
    {
        try
        {
            var database = await redis.GetDatabaseAsync();
            if (database is null)
            {
                return Unavailable(null);
            }

            var result = (RedisResult[])(await database.ScriptEvaluateAsync(
                IncrementScript,
                [new RedisKey(options.Value.RedisPrefix + key)],
                [(long)window.TotalMilliseconds]))!;
            if (_failing)
            {
                _failing = false;
                _warnings.Reset();
                logger.LogInformation("Redis answers again: rate limits are shared across server processes once more.");
            }

            return new RateLimitCount((long)result[0], TimeSpan.FromMilliseconds((long)result[1]));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            return Unavailable(ex);
        }
    }

    private RateLimitCount? Unavailable(Exception? exception)
    {
        _failing = true;
        if (_warnings.ShouldLog(out var suppressed))
        {
            logger.LogWarning(exception,
                "Redis does not answer: requests are served without rate limiting until it does ({Suppressed} more requests since the last warning).",
                suppressed);
        }

        return null;
    }
}
