using System.Collections.Concurrent;
using KeyBox.Application.Common.Interfaces;
using KeyBox.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KeyBox.Infrastructure.Services;

/// <summary>
/// Keeps the latest use of each key in memory and writes them in one statement per key every few seconds,
/// so authenticating a request never waits on a write.
/// </summary>
internal sealed class ApiKeyUsageRecorder(IServiceScopeFactory scopes, ILogger<ApiKeyUsageRecorder> logger)
    : BackgroundService, IApiKeyUsageRecorder
{
    private static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _pending = new();

    public void Record(Guid apiKeyId, DateTimeOffset usedAt) =>
        _pending.AddOrUpdate(apiKeyId, usedAt, (_, existing) => existing > usedAt ? existing : usedAt);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(FlushInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
        }

        await FlushAsync(CancellationToken.None);
    }

    internal async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_pending.IsEmpty)
        {
            return;
        }

        var batch = new List<KeyValuePair<Guid, DateTimeOffset>>();
        foreach (var id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out var at))
            {
                batch.Add(new(id, at));
            }
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KeyBoxDbContext>();
            foreach (var (id, at) in batch)
            {
                await db.ApiKeys.IgnoreQueryFilters()
                    .Where(k => k.Id == id && (k.LastUsedAt == null || k.LastUsedAt < at))
                    .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, at), cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not record API key usage for {Count} keys", batch.Count);
        }
    }
}
