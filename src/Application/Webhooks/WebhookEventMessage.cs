using KeyBox.Application.Licenses;
using KeyBox.Domain.Licenses;

namespace KeyBox.Application.Webhooks;

/// <summary>An event as sent: <c>{"event_type","timestamp","payload"}</c> (the infrastructure names the JSON fields).</summary>
public sealed record WebhookEventMessage(string EventType, DateTimeOffset Timestamp, LicenseEventPayload Payload);

/// <summary>
/// The license an event is about, as it was when the event happened. <c>CustomerId</c> is the customer's reference,
/// as in the internal API's <c>customer_id</c>; <c>Activation</c> is set on <c>license.activated</c> / <c>license.deactivated</c>.
/// </summary>
public sealed record LicenseEventPayload(
    Guid LicenseId,
    string LicenseCode,
    string ProductReferenceId,
    string? CustomerId,
    string? Email,
    LicenseType Type,
    LicenseStatus Status,
    int ParallelUses,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? UpdatesUntil,
    ActivationEventPayload? Activation)
{
    public static LicenseEventPayload From(LicenseDto license) => new(
        license.Id, license.LicenseCode, license.ProductReferenceId, license.CustomerReference, license.Email, license.Type,
        license.Status, license.ParallelUses, license.ExpiresAt, license.UpdatesUntil, null);
}

public sealed record ActivationEventPayload(
    Guid Id,
    string? Domain,
    string? Ip,
    string? MachineId,
    string? InstanceId,
    string? ClientName,
    bool IsActive)
{
    public static ActivationEventPayload From(Activation a) => new(a.Id, a.Domain, a.Ip, a.MachineId, a.InstanceId, a.ClientName, a.IsActive);
}
