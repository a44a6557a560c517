using KeyBox.Application.Common.Interfaces;

namespace KeyBox.Application.RateLimiting;

/// <summary>What a rate limit decided for one request, with what the <c>RateLimit-*</c> headers report.</summary>
public sealed record RateLimitDecision(bool Allowed, int Limit, int Remaining, TimeSpan ResetsIn, TimeSpan Window)
{
    /// <summary>Whole seconds until the window resets (at least 1), for <c>RateLimit-Reset</c> and <c>Retry-After</c>.</summary>
    public int ResetSeconds => Math.Max(1, (int)Math.Ceiling(ResetsIn.TotalSeconds));

    /// <summary>The <c>RateLimit-Policy</c> header value, e.g. <c>3000;w=60</c>.</summary>
    public string Policy => $"{Limit};w={(int)Window.TotalSeconds}";
}

/// <summary>
/// Fixed-window limiting over <see cref="IRateLimitCounterStore"/>: at most <c>limit</c> requests per partition
/// in each window. When the store cannot answer it fails open (returns null) rather than refusing service.
/// <para>Rate limiting has three layers: the policy here in <c>Application/RateLimiting</c> (this limiter and the
/// limits, <see cref="RateLimitingOptions"/>); the counters behind <see cref="IRateLimitCounterStore"/> in
/// <c>Infrastructure/RateLimiting</c> (in-process, or Redis shared by every process); the HTTP side in
/// <c>WebApi/Http/RateLimiting</c> (the middleware, the internal API's filter, the headers and 429 bodies).</para>
/// </summary>
public sealed class FixedWindowRateLimiter(IRateLimitCounterStore store)
{
    public async ValueTask<RateLimitDecision?> AcquireAsync(string partition, int limit, TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var count = await store.IncrementAsync(partition, window, cancellationToken);
        if (count is not { } hit)
        {
            return null;
        }

        var remaining = (int)Math.Clamp(limit - hit.Count, 0, limit);
        return new RateLimitDecision(hit.Count <= limit, limit, remaining, hit.ResetsIn, window);
    }
}
