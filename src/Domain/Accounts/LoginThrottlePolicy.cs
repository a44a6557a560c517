namespace KeyBox.Domain.Accounts;

/// <summary>
/// Refuses logins for an email address (or from an IP address) that has failed <see cref="MaxFailures"/> times
/// within the last <see cref="Window"/>: a sliding window, so the refusal lifts as soon as the oldest of those
/// failures is older than the window. Refused attempts are not failures (they do not extend the refusal).
/// </summary>
public sealed record LoginThrottlePolicy(int MaxFailures, TimeSpan Window)
{
    public static readonly LoginThrottlePolicy Default = new(5, TimeSpan.FromMinutes(15));

    /// <summary>A limit of 0 (or an empty window) turns throttling off.</summary>
    public bool IsEnabled => MaxFailures > 0 && Window > TimeSpan.Zero;

    /// <summary>Failures before this instant no longer count.</summary>
    public DateTimeOffset WindowStart(DateTimeOffset now) => now - Window;

    /// <summary>
    /// How long the caller must wait, given the times of the most recent failures (any order; at least the
    /// newest <see cref="MaxFailures"/> of them); null when a login may be attempted now.
    /// </summary>
    public TimeSpan? RetryAfter(IEnumerable<DateTimeOffset> recentFailures, DateTimeOffset now)
    {
        if (!IsEnabled)
        {
            return null;
        }

        var counted = recentFailures.Where(f => f > WindowStart(now)).OrderByDescending(f => f).Take(MaxFailures).ToList();
        if (counted.Count < MaxFailures)
        {
            return null;
        }

        // Once the oldest failure that makes up the limit leaves the window, one attempt is allowed again.
        var until = counted[^1] + Window;
        return until > now ? until - now : null;
    }
}
