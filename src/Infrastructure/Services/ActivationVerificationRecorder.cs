using System.Collections.Concurrent;
using KeyBox.Application.Common.Interfaces;
using KeyBox.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace KeyBox.Infrastructure.Services;

/// <summary>
/// Keeps each activation's latest verification in memory and writes them all in one statement every
/// couple of seconds, so the verify path never waits on a write.
/// </summary>
internal sealed class ActivationVerificationRecorder(IServiceScopeFactory scopes, ILogger<ActivationVerificationRecorder> logger)
    : BackgroundService, IActivationVerificationRecorder
{
    private static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(2);
    private readonly ConcurrentDictionary<Guid, (DateTimeOffset At, string? Ip)> _pending = new();

    public void Record(Guid activationId, DateTimeOffset verifiedAt, string? ip) =>
        _pending.AddOrUpdate(activationId, (verifiedAt, ip), (_, existing) => existing.At > verifiedAt ? existing : (verifiedAt, ip));

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

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_pending.IsEmpty)
        {
            return;
        }

        var ids = new List<Guid>();
        var times = new List<DateTimeOffset>();
        var ips = new List<string?>();
        foreach (var id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out var entry))
            {
                ids.Add(id);
                times.Add(entry.At);
                ips.Add(entry.Ip);
            }
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KeyBoxDbContext>();
            await db.Database.ExecuteSqlRawAsync(
                """
                UPDATE activations AS a
                SET last_verified_at = v.at, ip = COALESCE(v.ip, a.ip)
                FROM unnest(@ids, @times, @ips) AS v(id, at, ip)
                WHERE a.id = v.id AND (a.last_verified_at IS NULL OR a.last_verified_at < v.at)
                """,
                [
                    new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = ids.ToArray() },
                    new NpgsqlParameter("times", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = times.Select(t => t.UtcDateTime).ToArray() },
                    new NpgsqlParameter("ips", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = ips.ToArray() },
                ],
                cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not record {Count} verifications", ids.Count);
        }
    }
}
