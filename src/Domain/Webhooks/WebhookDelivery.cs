using KeyBox.Domain.Common;

namespace KeyBox.Domain.Webhooks;

public enum WebhookDeliveryStatus
{
    /// <summary>Waiting for its next attempt (<see cref="WebhookDelivery.NextAttemptAt"/>).</summary>
    Pending,

    /// <summary>Claimed by a dispatcher, which holds it until <see cref="WebhookDelivery.NextAttemptAt"/> (its lease).</summary>
    Sending,

    Delivered,

    /// <summary>Every attempt failed; <c>POST /webhook-deliveries/{id}/redeliver</c> tries again.</summary>
    Failed,
}

/// <summary>
/// One event for one endpoint: an outbox row written in the transaction of the change that caused the event, then
/// sent (and retried) by the dispatcher. Its id is the <c>X-Webhook-Delivery</c> header, the same on every attempt,
/// and its body is stored once, so every attempt sends (and signs) the same bytes.
/// </summary>
public sealed class WebhookDelivery : Entity, IAggregateRoot
{
    private WebhookDelivery()
    {
        EventType = string.Empty;
        Body = string.Empty;
    }

    public Guid EndpointId { get; private set; }

    public string EventType { get; private set; }

    /// <summary>The exact JSON body (<c>{"event_type","timestamp","payload"}</c>).</summary>
    public string Body { get; private set; }

    public WebhookDeliveryStatus Status { get; private set; }

    /// <summary>Attempts started since the delivery was created (or redelivered).</summary>
    public int AttemptCount { get; private set; }

    /// <summary>When the delivery may next be claimed: its next attempt, or (while sending) the end of its lease.</summary>
    public DateTimeOffset? NextAttemptAt { get; private set; }

    /// <summary>Identifies the dispatcher's claim; a result is only recorded by the holder of the current claim.</summary>
    public Guid? ClaimToken { get; private set; }

    public DateTimeOffset? LastAttemptAt { get; private set; }

    public int? LastStatusCode { get; private set; }

    public string? LastError { get; private set; }

    public DateTimeOffset? DeliveredAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static WebhookDelivery Create(Guid endpointId, string eventType, string body, DateTimeOffset now) => new()
    {
        EndpointId = endpointId,
        EventType = eventType,
        Body = body,
        Status = WebhookDeliveryStatus.Pending,
        NextAttemptAt = now,
        CreatedAt = now,
    };

    /// <summary>
    /// Sends the delivery again, with the same id and body and a fresh set of attempts. Refused while a dispatcher
    /// is sending it (its lease has not run out).
    /// </summary>
    public void Redeliver(DateTimeOffset now)
    {
        if (Status == WebhookDeliveryStatus.Sending && NextAttemptAt > now)
        {
            throw new DomainException(ErrorCodes.Conflict, "This delivery is being sent right now; try again when the attempt has finished.");
        }

        Status = WebhookDeliveryStatus.Pending;
        AttemptCount = 0;
        NextAttemptAt = now;
        ClaimToken = null;
        DeliveredAt = null;
    }
}

/// <summary>One attempt to send a delivery, as the delivery log shows it.</summary>
public sealed class WebhookDeliveryAttempt
{
    public const int ErrorMaxLength = 1000;

    private WebhookDeliveryAttempt()
    {
    }

    public Guid Id { get; private set; }

    public Guid DeliveryId { get; private set; }

    public DateTimeOffset AttemptedAt { get; private set; }

    /// <summary>How long the request took; null when no result was recorded (the sending process stopped).</summary>
    public int? DurationMs { get; private set; }

    /// <summary>The receiver's HTTP status; null when no response arrived.</summary>
    public int? StatusCode { get; private set; }

    public string? Error { get; private set; }

    public static bool IsSuccess(int? statusCode) => statusCode is >= 200 and <= 299;
}
