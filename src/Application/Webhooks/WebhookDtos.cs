using System.Linq.Expressions;
using KeyBox.Domain.Webhooks;

namespace KeyBox.Application.Webhooks;

public sealed record WebhookEndpointDto(
    Guid Id,
    string Url,
    IReadOnlyList<string> Events,
    bool IsActive,
    Guid OwnerId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static Expression<Func<WebhookEndpoint, WebhookEndpointDto>> Projection =>
        e => new WebhookEndpointDto(e.Id, e.Url, e.Events, e.IsActive, e.OwnerId, e.CreatedAt, e.UpdatedAt);

    public static WebhookEndpointDto From(WebhookEndpoint e) => new(e.Id, e.Url, e.Events.ToList(), e.IsActive, e.OwnerId, e.CreatedAt, e.UpdatedAt);
}

/// <summary>An endpoint as created: the only time its secret is shown.</summary>
public sealed record CreatedWebhookEndpointDto(WebhookEndpointDto Endpoint, string Secret);

public sealed record WebhookDeliveryDto(
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
    IReadOnlyList<WebhookDeliveryAttemptDto> Attempts)
{
    public static Expression<Func<WebhookDelivery, WebhookDeliveryDto>> Projection =>
        d => new WebhookDeliveryDto(d.Id, d.EndpointId, d.EventType, d.Status, d.AttemptCount,
            d.Status == WebhookDeliveryStatus.Pending || d.Status == WebhookDeliveryStatus.Sending ? d.NextAttemptAt : null,
            d.DeliveredAt, d.LastStatusCode, d.LastError, d.CreatedAt, d.Body, Array.Empty<WebhookDeliveryAttemptDto>());
}

public sealed record WebhookDeliveryAttemptDto(Guid Id, Guid DeliveryId, DateTimeOffset AttemptedAt, int? DurationMs, int? StatusCode, string? Error)
{
    public bool Succeeded => WebhookDeliveryAttempt.IsSuccess(StatusCode);

    public static Expression<Func<WebhookDeliveryAttempt, WebhookDeliveryAttemptDto>> Projection =>
        a => new WebhookDeliveryAttemptDto(a.Id, a.DeliveryId, a.AttemptedAt, a.DurationMs, a.StatusCode, a.Error);
}
