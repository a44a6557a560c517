using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace KeyBox.Infrastructure.RateLimiting;

/// <summary>Readiness when Redis is configured: it answers a PING. Unhealthy (503) otherwise, since limits then fail open.</summary>
internal sealed class RedisHealthCheck(RedisConnection redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var database = await redis.GetDatabaseAsync();
            if (database is null)
            {
                return HealthCheckResult.Unhealthy("Redis is not connected: rate limits are not enforced.");
            }

            var latency = await database.PingAsync();
            return HealthCheckResult.Healthy($"Redis answers ({latency.TotalMilliseconds:0.#} ms).");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            return HealthCheckResult.Unhealthy("Redis does not answer: rate limits are not enforced.", ex);
        }
    }
}
