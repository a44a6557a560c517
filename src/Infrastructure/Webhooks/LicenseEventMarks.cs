using KeyBox.Application.Common.Interfaces;
using KeyBox.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace KeyBox.Infrastructure.Webhooks;

internal sealed class LicenseEventMarks(KeyBoxDbContext db) : ILicenseEventMarks
{
    // ON CONFLICT DO NOTHING: a concurrent scan that inserted the same mark first (even uncommitted: the unique index
    // makes this insert wait for it) wins, and RETURNING leaves that license out of ours.
    public async Task<IReadOnlyList<Guid>> MarkAsync(string eventType, IReadOnlyList<LicenseEventCandidate> candidates, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (candidates.Count == 0)
        {
            return [];
        }

        return await db.Database.SqlQueryRaw<Guid>(
                """
                INSERT INTO license_event_marks (license_id, event_type, condition_date, marked_at)
                SELECT c.license_id, @event_type, c.condition_date, @now
                FROM unnest(@license_ids, @condition_dates) AS c(license_id, condition_date)
                ON CONFLICT DO NOTHING
                RETURNING license_id AS "Value"
                """,
                new NpgsqlParameter("event_type", eventType),
                new NpgsqlParameter("now", now.UtcDateTime),
                new NpgsqlParameter("license_ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = candidates.Select(c => c.LicenseId).ToArray() },
                new NpgsqlParameter("condition_dates", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = candidates.Select(c => c.ConditionDate.UtcDateTime).ToArray() })
            .ToListAsync(cancellationToken);
    }
}
