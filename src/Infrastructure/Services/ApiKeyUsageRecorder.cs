using KeyBox.Application.Common.Interfaces;
using KeyBox.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace KeyBox.Infrastructure.Services;

/// <summary>Records each key's latest use; written in one statement every few seconds.</summary>
internal sealed class ApiKeyUsageRecorder(IServiceScopeFactory scopes, ILogger<ApiKeyUsageRecorder> logger)
    : LatestValueBatcher<DateTimeOffset>(logger), IApiKeyUsageRecorder
{
    protected override TimeSpan FlushInterval => TimeSpan.FromSeconds(5);

    public void Record(Guid apiKeyId, DateTimeOffset usedAt) => Keep(apiKeyId, usedAt);

    protected override bool IsNewer(DateTimeOffset candidate, DateTimeOffset existing) => candidate > existing;

    protected override async Task WriteAsync(IReadOnlyList<KeyValuePair<Guid, DateTimeOffset>> batch, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KeyBoxDbContext>();
        await db.Database.ExecuteSqlRawAsync(
            """
            UPDATE api_keys AS k
            SET last_used_at = v.at
            FROM unnest(@ids, @times) AS v(id, at)
            WHERE k.id = v.id AND (k.last_used_at IS NULL OR k.last_used_at < v.at)
            """,
            [
                new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = batch.Select(e => e.Key).ToArray() },
                new NpgsqlParameter("times", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = batch.Select(e => e.Value.UtcDateTime).ToArray() },
            ],
            cancellationToken);
    }
}
