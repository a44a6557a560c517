namespace KeyBox.Application.Webhooks;

/// <summary>The <c>Webhooks</c> configuration section.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>
    /// Allow endpoints on loopback, private, link-local and other non-public addresses (development and tests only).
    /// Checked on the resolved address when connecting, so DNS tricks cannot get around it.
    /// </summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>The first retry's delay in seconds (fractions allowed); each later one doubles, plus 0–50 % jitter.</summary>
    public double RetryBaseDelaySeconds { get; set; } = 30;

    /// <summary>Attempts (the first included) before a delivery is marked failed.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>How long one attempt may take, connection included.</summary>
    public double TimeoutSeconds { get; set; } = 10;

    /// <summary>
    /// How long a claimed delivery stays with the process sending it; if that process dies, another one takes the
    /// delivery over once the lease has run out. Never less than <see cref="TimeoutSeconds"/> + 1.
    /// </summary>
    public double LeaseSeconds { get; set; } = 60;

    /// <summary>How often the dispatcher looks for due deliveries (it is also woken at once by saves in its own process).</summary>
    public int PollIntervalMilliseconds { get; set; } = 1000;

    /// <summary>Deliveries one process sends at the same time.</summary>
    public int MaxConcurrentDeliveries { get; set; } = 8;

    /// <summary>
    /// Deliveries of one owner's endpoints in flight at once, across all processes (default 2): one tenant's slow
    /// receivers cannot hold every slot; the rest go to other owners, picked in turn (each owner's oldest first).
    /// </summary>
    public int MaxConcurrentDeliveriesPerOwner { get; set; } = 2;

    /// <summary>Run the delivery dispatcher in this process.</summary>
    public bool DispatcherEnabled { get; set; } = true;

    /// <summary><c>license.expiring</c> fires this many days before the expiry date.</summary>
    public int ExpiringDays { get; set; } = 7;

    /// <summary>How often the scheduled scan (expiring / expired / update support expired) runs; 0 = never.</summary>
    public double ScanIntervalSeconds { get; set; } = 86400;

    /// <summary>The scan reports expiries that happened at most this many days ago (not those of long-expired licenses).</summary>
    public int ScanLookbackDays { get; set; } = 30;

    /// <summary>The per-owner limit in force: at least 1, and below <see cref="MaxConcurrentDeliveries"/> when that is above 1.</summary>
    public int PerOwnerLimit => Math.Clamp(MaxConcurrentDeliveriesPerOwner, 1, Math.Max(1, MaxConcurrentDeliveries - 1));

    public TimeSpan Timeout => TimeSpan.FromSeconds(Math.Clamp(TimeoutSeconds, 0.1, 3600));

    public TimeSpan Lease => TimeSpan.FromSeconds(Math.Max(LeaseSeconds, Timeout.TotalSeconds + 1));

    public TimeSpan PollInterval => TimeSpan.FromMilliseconds(Math.Clamp(PollIntervalMilliseconds, 10, 3_600_000));

    public TimeSpan ScanInterval => TimeSpan.FromSeconds(Math.Max(ScanIntervalSeconds, 0));

    public Domain.Webhooks.WebhookRetryPolicy RetryPolicy =>
        new(TimeSpan.FromSeconds(Math.Clamp(RetryBaseDelaySeconds, 0.01, 86400)), Math.Max(MaxAttempts, 1));
}
