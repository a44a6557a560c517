namespace KeyBox.Application.Common.Exceptions;

/// <summary>The caller must wait <see cref="RetryAfter"/> before trying again (HTTP 429 with Retry-After).</summary>
public sealed class RateLimitedException(string message, TimeSpan retryAfter) : Exception(message)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
