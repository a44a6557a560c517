using KeyBox.Application.Webhooks;

namespace KeyBox.Application.Common.Interfaces;

/// <summary>The webhook outbox: deliveries written by the current unit of work, sent after it commits.</summary>
public interface IWebhookOutbox
{
    /// <summary>
    /// The active endpoints that hear about <paramref name="eventType"/> for a resource of <paramref name="ownerId"/>:
    /// that owner's endpoints and every administrator's, subscribed to the event (or to all events).
    /// </summary>
    Task<IReadOnlyList<Guid>> SubscribersAsync(Guid ownerId, string eventType, CancellationToken cancellationToken);

    /// <summary>Adds one delivery per endpoint to the current unit of work; they are saved with it.</summary>
    void Enqueue(IReadOnlyCollection<Guid> endpointIds, WebhookEventMessage message);

    /// <summary>Wakes this process's dispatcher once the current unit of work commits (deliveries became due).</summary>
    void NotifyDue();
}

/// <summary>Records which scheduled license events were already emitted (table <c>license_event_marks</c>).</summary>
public interface ILicenseEventMarks
{
    /// <summary>
    /// Marks <paramref name="eventType"/> as emitted for each (license, date), inside the current unit-of-work
    /// transaction, and returns the licenses that were not marked before: those whose event is to be emitted now.
    /// Concurrent scans never both get the same license.
    /// </summary>
    Task<IReadOnlyList<Guid>> MarkAsync(string eventType, IReadOnlyList<LicenseEventCandidate> candidates, DateTimeOffset now, CancellationToken cancellationToken);
}

public sealed record LicenseEventCandidate(Guid LicenseId, DateTimeOffset ConditionDate);
