using KeyBox.Application.Webhooks;
using KeyBox.Domain.Webhooks;

namespace KeyBox.WebApi.Contracts.Internal;

/// <summary><c>events</c>: event names (empty or absent = every event); <c>secret</c>: generated when absent; <c>is_active</c> defaults to true.</summary>
public sealed record CreateWebhookRequest(string? Url, string? Secret, IReadOnlyList<string>? Events, bool? IsActive);

/// <summary>Omitted (or null) fields keep their values; <c>"events":[]</c> subscribes to every event.</summary>
public sealed record UpdateWebhookRequest(string? Url, string? Secret, IReadOnlyList<string>? Events, bool? IsActive);

public sealed record WebhookResource(Guid Id, string Url, IReadOnlyList<string> Events, bool IsActive, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static WebhookResource From(WebhookEndpointDto e) => new(e.Id, e.Url, e.Events, e.IsActive, e.CreatedAt, e.UpdatedAt);
}

/// <summary>An endpoint as created: the only response that carries its <c>secret</c>.</summary>
public sealed record CreatedWebhookResource(Guid Id, string Url, IReadOnlyList<string> Events, bool IsActive, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string Secret)
{
    public static CreatedWebhookResource From(CreatedWebhookEndpointDto created) => new(
        created.Endpoint.Id, created.Endpoint.Url, created.Endpoint.Events, created.Endpoint.IsActive, created.Endpoint.CreatedAt, created.Endpoint.UpdatedAt, created.Secret);
}

/// <summary>
/// A delivery: <c>status</c> is <c>pending</c>, <c>sending</c>, <c>delivered</c> or <c>failed</c>; <c>body</c> is the exact JSON
/// sent (and signed); <c>attempts</c> lists every attempt, oldest first.
/// </summary>
public sealed record WebhookDeliveryResource(
    Guid Id,
    Guid WebhookId,
    string EventType,
    WebhookDeliveryStatus Status,
    int AttemptCount,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? DeliveredAt,
    int? LastStatusCode,
    string? LastError,
    DateTimeOffset CreatedAt,
    string Body,
    IReadOnlyList<WebhookDeliveryAttemptResource> Attempts)
{
    public static WebhookDeliveryResource From(WebhookDeliveryDto d) => new(
        d.Id, d.WebhookId, d.EventType, d.Status, d.AttemptCount, d.NextAttemptAt, d.DeliveredAt, d.LastStatusCode, d.LastError, d.CreatedAt, d.Body,
        d.Attempts.Select(WebhookDeliveryAttemptResource.From).ToList());
}

/// <summary>One attempt: <c>status_code</c> is null when no response arrived (then <c>error</c> says why); <c>duration_ms</c> is null when the attempt was interrupted.</summary>
public sealed record WebhookDeliveryAttemptResource(Guid Id, DateTimeOffset AttemptedAt, int? StatusCode, int? DurationMs, string? Error, bool Succeeded)
{
    public static WebhookDeliveryAttemptResource From(WebhookDeliveryAttemptDto a) => new(a.Id, a.AttemptedAt, a.StatusCode, a.DurationMs, a.Error, a.Succeeded);
}
