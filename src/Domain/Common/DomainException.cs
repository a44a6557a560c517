namespace KeyBox.Domain.Common;

/// <summary>
/// A broken business rule. <see cref="Code"/> is machine readable (e.g. <c>ACTIVATION_LIMIT_REACHED</c>);
/// each HTTP surface maps it to its own envelope and status.
/// </summary>
public sealed class DomainException(string code, string message, string? field = null) : Exception(message)
{
    public string Code { get; } = code;

    /// <summary>The input field the rule concerns, when there is one (validation-like rules).</summary>
    public string? Field { get; } = field;
}

/// <summary>The machine-readable codes every surface understands.</summary>
public static class ErrorCodes
{
    public const string ValidationFailed = "VALIDATION_FAILED";
    public const string NotFound = "NOT_FOUND";
    public const string Conflict = "CONFLICT";
    public const string Unauthorized = "UNAUTHORIZED";
    public const string Forbidden = "FORBIDDEN";
    public const string RateLimited = "RATE_LIMITED";
    public const string SignupClosed = "SIGNUP_CLOSED";
    public const string QuotaExceeded = "QUOTA_EXCEEDED";

    public const string ProductNotFound = "PRODUCT_NOT_FOUND";
    public const string ProductInactive = "PRODUCT_INACTIVE";
    public const string VersionNotFound = "VERSION_NOT_FOUND";
    public const string FileNotFound = "FILE_NOT_FOUND";
    public const string LicenseNotFound = "LICENSE_NOT_FOUND";
    public const string LicenseInvalid = "LICENSE_INVALID";
    public const string LicenseBlocked = "LICENSE_BLOCKED";
    public const string LicenseExpired = "LICENSE_EXPIRED";
    public const string DomainNotAllowed = "DOMAIN_NOT_ALLOWED";
    public const string IpNotAllowed = "IP_NOT_ALLOWED";
    public const string ActivationLimitReached = "ACTIVATION_LIMIT_REACHED";
    public const string InstanceMismatch = "INSTANCE_MISMATCH";
    public const string LicenseDataInvalid = "LICENSE_DATA_INVALID";
    public const string ActivationNotFound = "ACTIVATION_NOT_FOUND";
    public const string UpdatesExpired = "UPDATES_EXPIRED";
    public const string AmbiguousVersion = "AMBIGUOUS_VERSION";
    public const string PayloadTooLarge = "PAYLOAD_TOO_LARGE";
    public const string CustomerNotFound = "CUSTOMER_NOT_FOUND";
    public const string WebhookNotFound = "WEBHOOK_NOT_FOUND";
    public const string WebhookDeliveryNotFound = "WEBHOOK_DELIVERY_NOT_FOUND";
    public const string LicenseFileInvalid = "LICENSE_FILE_INVALID";
}
