using Microsoft.Extensions.Options;

namespace KeyBox.Infrastructure.ReadModel;

/// <summary>
/// The active webhook endpoints that hear about an event type for one owner's resources — what every license write
/// asks (<see cref="Webhooks.WebhookOutbox.SubscribersAsync"/>) — kept in process per (owner, event type). It depends
/// on every endpoint (an administrator's hears about all owners) and on users' roles, so any write to
/// <c>webhook_endpoints</c> or to a user's role, announced on <see cref="CacheInvalidationListener.Channel"/> by the
/// triggers of migration <c>WebhookSubscriberInvalidation</c> (and by <see cref="CacheInvalidationInterceptor"/> in the
/// writing process), empties it. While notifications may be missed it serves nothing (every lookup reads the
/// database). A read that raced with an invalidation is not stored (its own stamp, bumped by every invalidation, so
/// that the constant license invalidations of a busy server do not keep it from filling).
/// Settings: those of the read cache (<see cref="ReadCacheOptions"/>, section <c>ReadCache</c>).
/// </summary>
internal sealed class WebhookSubscriberCache
{
    private readonly bool _enabled;
    private readonly BoundedCache<(Guid OwnerId, string EventType), Guid[]> _subscribers;
    private long _stamp;
    private volatile bool _serving;

    public WebhookSubscriberCache(IOptions<ReadCacheOptions> options, TimeProvider time)
    {
        var value = options.Value;
        _enabled = value.Enabled;
        _subscribers = new BoundedCache<(Guid, string), Guid[]>(
            Math.Max(1, value.MaxEntries), TimeSpan.FromSeconds(Math.Max(0, value.MaxAgeSeconds)), time);
    }

    /// <summary>False while invalidations may be missed (or the cache is off): lookups read the database.</summary>
    public bool IsServing => _serving;

    /// <summary>Taken before reading the database; <see cref="Store"/> drops what was read if anything was invalidated since.</summary>
    public long Stamp => Interlocked.Read(ref _stamp);

    /// <summary>Entries held (for tests and diagnostics).</summary>
    public int Count => _subscribers.Count;

    public bool TryGet(Guid ownerId, string eventType, out IReadOnlyList<Guid> endpointIds)
    {
        if (_serving && _subscribers.TryGet((ownerId, eventType), out var ids))
        {
            endpointIds = ids;
            return true;
        }

        endpointIds = [];
        return false;
    }

    /// <summary>
    /// Stores what a read returned unless something was invalidated since the read began (<paramref name="stamp"/>).
    /// An invalidation may also run between the check and the write: then it is taken out again (an invalidation
    /// bumps the stamp before it removes).
    /// </summary>
    public void Store(long stamp, Guid ownerId, string eventType, IReadOnlyList<Guid> endpointIds)
    {
        if (!_serving || Stamp != stamp)
        {
            return;
        }

        _subscribers.Set((ownerId, eventType), [.. endpointIds]);
        if (Stamp != stamp || !_serving)
        {
            _subscribers.Remove((ownerId, eventType));
        }
    }

    /// <summary>An endpoint or a user's role changed: every (owner, event type) may hear from other endpoints now.</summary>
    public void InvalidateAll()
    {
        Interlocked.Increment(ref _stamp);
        _subscribers.Clear();
    }

    /// <summary>Notifications flow (again): forget everything, then serve.</summary>
    public void Resume()
    {
        InvalidateAll();
        _serving = _enabled;
    }

    /// <summary>Notifications may be missed from now on: stop serving and forget everything.</summary>
    public void Suspend()
    {
        _serving = false;
        InvalidateAll();
    }
}
