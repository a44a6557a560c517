namespace KeyBox.Application.Common.Interfaces;

/// <summary>
/// Fixed-window request counters. A window starts at the first hit of a key and lasts <c>window</c>; the counts
/// live in this process or, when configured, in a store shared by every server process (Redis).
/// </summary>
public interface IRateLimitCounterStore
{
    /// <summary>
    /// Counts one hit on <paramref name="key"/> and returns the window's count including it, or null when the store
    /// cannot answer (the caller then lets the request through: rate limiting fails open).
    /// </summary>
    ValueTask<RateLimitCount?> IncrementAsync(string key, TimeSpan window, CancellationToken cancellationToken);
}

/// <summary>Hits counted in the current window, and the time left until the window resets.</summary>
public readonly record struct RateLimitCount(long Count, TimeSpan ResetsIn);
