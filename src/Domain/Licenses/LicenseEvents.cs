using KeyBox.Domain.Common;

namespace KeyBox.Domain.Licenses;

public abstract record LicenseEvent(Guid LicenseId, DateTimeOffset OccurredAt) : IDomainEvent
{
    /// <summary>The webhook event type, e.g. <c>license.activated</c>.</summary>
    public abstract string EventType { get; }
}

public sealed record LicenseCreated(Guid LicenseId, DateTimeOffset OccurredAt) : LicenseEvent(LicenseId, OccurredAt)
{
    public override string EventType => "license.created";
}

public sealed record LicenseActivated(Guid LicenseId, Guid ActivationId, DateTimeOffset OccurredAt) : LicenseEvent(LicenseId, OccurredAt)
{
    public override string EventType => "license.activated";
}

public sealed record LicenseDeactivated(Guid LicenseId, Guid ActivationId, DateTimeOffset OccurredAt) : LicenseEvent(LicenseId, OccurredAt)
{
    public override string EventType => "license.deactivated";
}

public sealed record LicenseBlocked(Guid LicenseId, DateTimeOffset OccurredAt) : LicenseEvent(LicenseId, OccurredAt)
{
    public override string EventType => "license.blocked";
}

public sealed record LicenseUnblocked(Guid LicenseId, DateTimeOffset OccurredAt) : LicenseEvent(LicenseId, OccurredAt)
{
    public override string EventType => "license.unblocked";
}
