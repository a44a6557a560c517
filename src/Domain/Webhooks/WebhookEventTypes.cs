namespace KeyBox.Domain.Webhooks;

/// <summary>The events a webhook endpoint can subscribe to (CONTRACTS.md, "Webhooks").</summary>
public static class WebhookEventTypes
{
    public const string LicenseCreated = "license.created";
    public const string LicenseActivated = "license.activated";
    public const string LicenseDeactivated = "license.deactivated";
    public const string LicenseBlocked = "license.blocked";
    public const string LicenseUnblocked = "license.unblocked";

    /// <summary>Emitted by the scheduled scan when a license expires within the configured number of days.</summary>
    public const string LicenseExpiring = "license.expiring";

    /// <summary>Emitted by the scheduled scan once a license's expiry date has passed.</summary>
    public const string LicenseExpired = "license.expired";

    /// <summary>Emitted by the scheduled scan once a license's <c>updates_until</c> date has passed.</summary>
    public const string LicenseUpdateSupportExpired = "license.update_support_expired";

    public const int MaxLength = 64;

    public static IReadOnlyList<string> All { get; } =
    [
        LicenseCreated, LicenseActivated, LicenseDeactivated, LicenseBlocked, LicenseUnblocked,
        LicenseExpiring, LicenseExpired, LicenseUpdateSupportExpired,
    ];

    public static bool IsKnown(string eventType) => All.Contains(eventType, StringComparer.Ordinal);
}
