using KeyBox.Application.Common.Interfaces;
using KeyBox.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace KeyBox.Infrastructure.Services;

/// <summary>
/// Records each activation's latest verification (time and IP); written in one statement every couple of seconds,
/// so the verify path never waits on a write.
/// </summary>
internal sealed class ActivationVerificationRecorder(IServiceScopeFactory scopes, ILogger<ActivationVerificationRecorder> logger)
    : LatestValueBatcher<(DateTimeOffset At, string? Ip)>(logger), IActivationVerificationRecorder
{
    protected override TimeSpan FlushInterval => TimeSpan.FromSeconds(2);

    public void Record(Guid activationId, DateTimeOffset verifiedAt, string? ip) => Keep(activationId, (verifiedAt, ip));

    protected override bool IsNewer((DateTimeOffset At, string? Ip) candidate, (DateTimeOffset At, string? Ip) existing) =>
        candidate.At >= existing.At;

    protected override async Task WriteAsync(IReadOnlyList<KeyValuePair<Guid, (DateTimeOffset At, string? Ip)>> batch, CancellationToken cancellationToken)
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
                new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = batch.Select(e => e.Key).ToArray() },
                new NpgsqlParameter("times", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = batch.Select(e => e.Value.At.UtcDateTime).ToArray() },
                new NpgsqlParameter("ips", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = batch.Select(e => e.Value.Ip).ToArray() },
            ],
            cancellationToken);
    }
}
