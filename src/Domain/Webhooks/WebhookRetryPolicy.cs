namespace KeyBox.Domain.Webhooks;

/// <summary>
/// When a failed delivery is tried again: after attempt <c>n</c> fails, wait <c>base × 2^(n-1)</c> (at most
/// <see cref="MaxDelay"/>) plus a random 0–50 % (jitter, so that receivers coming back are not hit by every sender at
/// once); after <see cref="MaxAttempts"/> attempts the delivery has failed. With the defaults (30 s, 8 attempts) the
/// retries come after 30 s, 1, 2, 4, 8, 16 and 32 minutes (+ jitter): the last attempt is 63.5 to 95 minutes after the
/// first, so a receiver that is down for an hour still gets every event.
/// </summary>
public sealed record WebhookRetryPolicy(TimeSpan BaseDelay, int MaxAttempts)
{
    public static readonly TimeSpan MaxDelay = TimeSpan.FromHours(12);

    /// <summary>The state after attempt number <paramref name="attempt"/> (1-based); <paramref name="jitter"/> is in [0, 1).</summary>
    public (WebhookDeliveryStatus Status, DateTimeOffset? NextAttemptAt) After(int attempt, bool succeeded, DateTimeOffset now, double jitter)
    {
        if (succeeded)
        {
            return (WebhookDeliveryStatus.Delivered, null);
        }

        return DelayAfter(attempt, jitter) is { } delay
            ? (WebhookDeliveryStatus.Pending, now + delay)
            : (WebhookDeliveryStatus.Failed, null);
    }

    /// <summary>The wait after failed attempt <paramref name="attempt"/>; null when it was the last one.</summary>
    public TimeSpan? DelayAfter(int attempt, double jitter)
    {
        if (attempt >= MaxAttempts)
        {
            return null;
        }

        var exponential = BaseDelay.TotalSeconds * Math.Pow(2, Math.Clamp(attempt - 1, 0, 40));
        var seconds = Math.Min(exponential, MaxDelay.TotalSeconds);
        return TimeSpan.FromSeconds(seconds * (1 + (0.5 * Math.Clamp(jitter, 0, 1))));
    }
}
