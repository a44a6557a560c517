using System.Text.Json;
using KeyBox.Application.Common.Interfaces;
using KeyBox.Application.Webhooks;
using KeyBox.Domain.Accounts;
using KeyBox.Domain.Webhooks;
using KeyBox.Infrastructure.ReadModel;
using KeyBox.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace KeyBox.Infrastructure.Webhooks;

/// <summary>
/// Writes webhook deliveries into the current unit of work (the outbox): one row per endpoint, with the exact body
/// that every attempt will send, serialised with the API's JSON conventions (snake_case, UTC ISO 8601 dates).
/// </summary>
internal sealed class WebhookOutbox(
    KeyBoxDbContext db,
    CommitCallbacks afterCommit,
    WebhookDispatchSignal signal,
    WebhookSubscriberCache subscribers,
    CacheInvalidationInterceptor invalidation,
    IOptions<HttpJsonOptions> json,
    TimeProvider clock) : IWebhookOutbox
{
    /// <summary>
    /// From <see cref="WebhookSubscriberCache"/> when the answer was read recently (every license write asks, and
    /// endpoints rarely change); otherwise read and remembered.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> SubscribersAsync(Guid ownerId, string eventType, CancellationToken cancellationToken)
    {
        if (subscribers.TryGet(ownerId, eventType, out var cached))
        {
            return cached;
        }

        var stamp = subscribers.Stamp;
        var endpointIds = await db.WebhookEndpoints.IgnoreQueryFilters()
            .Where(e => e.IsActive)
            .Where(e => e.Events.Count == 0 || e.Events.Contains(eventType))
            .Where(e => e.OwnerId == ownerId || db.Users.Any(u => u.Id == e.OwnerId && u.Role == UserRole.Admin))
            .OrderBy(e => e.Id)
            .Select(e => e.Id)
            .ToListAsync(cancellationToken);
        if (!invalidation.HasUncommittedSubscriberChanges(db))
        {
            subscribers.Store(stamp, ownerId, eventType, endpointIds);
        }

        return endpointIds;
    }

    public void Enqueue(IReadOnlyCollection<Guid> endpointIds, WebhookEventMessage message)
    {
        var body = JsonSerializer.Serialize(new WebhookBody(message.EventType, message.Timestamp, message.Payload), json.Value.SerializerOptions);
        var now = clock.GetUtcNow();
        foreach (var endpointId in endpointIds)
        {
            db.WebhookDeliveries.Add(WebhookDelivery.Create(endpointId, message.EventType, body, now));
        }

        NotifyDue();
    }

    public void NotifyDue() => afterCommit.Add(signal.Wake);

    private sealed record WebhookBody(string EventType, DateTimeOffset Timestamp, LicenseEventPayload Payload);
}

/// <summary>Wakes this process's dispatcher as soon as a save wrote due deliveries, instead of at its next poll.</summary>
internal sealed class WebhookDispatchSignal
{
    private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Wake() => Volatile.Read(ref _signal).TrySetResult();

    /// <summary>Consumes a wake-up: called before looking for due rows, so a wake-up after the look is not lost.</summary>
    public void Reset()
    {
        var current = Volatile.Read(ref _signal);
        if (current.Task.IsCompleted)
        {
            Interlocked.CompareExchange(ref _signal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), current);
        }
    }

    public Task WaitAsync() => Volatile.Read(ref _signal).Task;
}
