using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Usage;
using KeyBox.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace KeyBox.Infrastructure.Services;

/// <summary><c>Stats:*</c>.</summary>
public sealed class UsageStatsOptions
{
    public const string Section = "Stats";

    /// <summary>How often the in-memory counts are added to <c>daily_usage</c> (seconds, at least 1); also at shutdown.</summary>
    public int FlushSeconds { get; set; } = 5;
}

/// <summary>
/// The daily usage counters: counting is an interlocked increment of an in-memory cell per (owner, product, day, kind);
/// every <see cref="UsageStatsOptions.FlushSeconds"/> (and at shutdown) the cells are read-and-reset and added to
/// <c>daily_usage</c> in one additive upsert (<c>count = count + excluded.count</c>), so several server processes add up
/// and no count is written twice. A batch that fails to write is put back and tried again at the next flush.
/// </summary>
public sealed class UsageCounter(IServiceScopeFactory scopes, IOptions<UsageStatsOptions> options, TimeProvider clock, ILogger<UsageCounter> logger)
    : PeriodicFlushService(clock), IUsageCounter
{
    private readonly ConcurrentDictionary<UsageKey, StrongBox<long>> _cells = new();
    private readonly SemaphoreSlim _flushing = new(1, 1);

    public void Count(Guid ownerId, Guid productId, UsageKind kind, DateTimeOffset at)
    {
        var cell = _cells.GetOrAdd(new UsageKey(ownerId, productId, DateOnly.FromDateTime(at.UtcDateTime), kind), static _ => new StrongBox<long>());
        Interlocked.Increment(ref cell.Value);
    }

    protected override TimeSpan FlushInterval => TimeSpan.FromSeconds(Math.Max(1, options.Value.FlushSeconds));

    /// <summary>Adds what was counted since the last flush to the database now (tests call it instead of waiting).</summary>
    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _flushing.WaitAsync(cancellationToken);
        try
        {
            var batch = TakeCounts();
            if (batch.Count == 0)
            {
                return;
            }

            try
            {
                await WriteAsync(batch, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not write {Count} usage counters; they are kept for the next flush", batch.Count);
                PutBack(batch);
            }
            catch (OperationCanceledException)
            {
                PutBack(batch);
                throw;
            }
        }
        finally
        {
            _flushing.Release();
        }
    }

    private List<KeyValuePair<UsageKey, long>> TakeCounts()
    {
        // Cells are read and reset, never removed while current: an increment racing with the flush lands either in this
        // batch or in the next. Cells of days before yesterday that stay at zero are dropped (nothing counts into them).
        var batch = new List<KeyValuePair<UsageKey, long>>();
        var stale = DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime).AddDays(-2);
        foreach (var (key, cell) in _cells)
        {
            var count = Interlocked.Exchange(ref cell.Value, 0);
            if (count != 0)
            {
                batch.Add(new(key, count));
            }
            else if (key.Day < stale)
            {
                _cells.TryRemove(new KeyValuePair<UsageKey, StrongBox<long>>(key, cell));
            }
        }

        return batch;
    }

    private void PutBack(List<KeyValuePair<UsageKey, long>> batch)
    {
        foreach (var (key, count) in batch)
        {
            Interlocked.Add(ref _cells.GetOrAdd(key, static _ => new StrongBox<long>()).Value, count);
        }
    }

    private async Task WriteAsync(List<KeyValuePair<UsageKey, long>> batch, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KeyBoxDbContext>();
        await db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO daily_usage (owner_id, product_id, day, kind, count)
            SELECT * FROM unnest(@owners, @products, @days, @kinds, @counts)
            ON CONFLICT (owner_id, product_id, day, kind) DO UPDATE SET count = daily_usage.count + EXCLUDED.count
            """,
            [
                new NpgsqlParameter("owners", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = batch.Select(e => e.Key.OwnerId).ToArray() },
                new NpgsqlParameter("products", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = batch.Select(e => e.Key.ProductId).ToArray() },
                new NpgsqlParameter("days", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = batch.Select(e => e.Key.Day).ToArray() },
                new NpgsqlParameter("kinds", NpgsqlDbType.Array | NpgsqlDbType.Smallint) { Value = batch.Select(e => (short)e.Key.Kind).ToArray() },
                new NpgsqlParameter("counts", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = batch.Select(e => e.Value).ToArray() },
            ],
            cancellationToken);
    }

    public override void Dispose()
    {
        _flushing.Dispose();
        base.Dispose();
    }

    private readonly record struct UsageKey(Guid OwnerId, Guid ProductId, DateOnly Day, UsageKind Kind);
}
