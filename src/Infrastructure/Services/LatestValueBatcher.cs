using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace KeyBox.Infrastructure.Services;

/// <summary>
/// Keeps the latest value recorded per key in memory and hands them to <see cref="WriteAsync"/> in one batch every
/// <see cref="FlushInterval"/> (and once more at shutdown), so the request that records a value never waits on a write.
/// A batch that fails to write is logged and dropped: these are bookkeeping times, not data.
/// </summary>
internal abstract class LatestValueBatcher<TValue>(ILogger logger) : PeriodicFlushService
{
    private readonly ConcurrentDictionary<Guid, TValue> _pending = new();

    /// <summary>Whether <paramref name="candidate"/> is newer than <paramref name="existing"/> and should replace it.</summary>
    protected abstract bool IsNewer(TValue candidate, TValue existing);

    protected abstract Task WriteAsync(IReadOnlyList<KeyValuePair<Guid, TValue>> batch, CancellationToken cancellationToken);

    protected void Keep(Guid key, TValue value) =>
        _pending.AddOrUpdate(key, value, (_, existing) => IsNewer(value, existing) ? value : existing);

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_pending.IsEmpty)
        {
            return;
        }

        var batch = new List<KeyValuePair<Guid, TValue>>();
        foreach (var key in _pending.Keys)
        {
            if (_pending.TryRemove(key, out var value))
            {
                batch.Add(new(key, value));
            }
        }

        try
        {
            await WriteAsync(batch, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not write {Count} batched updates ({Writer})", batch.Count, GetType().Name);
        }
    }
}
