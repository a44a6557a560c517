using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Webhooks;
using KeyBox.Infrastructure.Persistence;
using KeyBox.Infrastructure.Secrets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace KeyBox.Infrastructure.Webhooks;

/// <summary>A delivery this process has claimed, with what it needs to send it.</summary>
internal sealed record ClaimedDelivery(Guid Id, Guid ClaimToken, string EventType, string Body, int AttemptCount, string Url, string Secret);

/// <summary>The result of one attempt, and what the delivery becomes after it.</summary>
internal sealed record AttemptResult(
    DateTimeOffset AttemptedAt, int DurationMs, int? StatusCode, string? Error, WebhookDeliveryStatus Status, DateTimeOffset? NextAttemptAt, DateTimeOffset? DeliveredAt);

/// <summary>
/// The dispatcher's two statements. Claiming is one statement — <c>FOR UPDATE SKIP LOCKED</c> picks due rows no other
/// process is claiming, and the same statement marks them <c>Sending</c> with a lease (<c>next_attempt_at</c> = the end
/// of the lease) and a claim token — so any number of processes can dispatch, each delivery attempted by one at a
/// time. A row whose lease ran out (its process died mid-delivery) is claimed again, and the interrupted attempt is
/// logged. A result is recorded only by the holder of the current claim token. The endpoint's secret is read encrypted
/// and decrypted here (see <see cref="ISecretProtector"/>).
/// Fair between owners: an owner whose endpoints already have <c>per_owner</c> deliveries in flight (on any process,
/// lease not run out) gets no more, and the rest are taken in turns — every owner's oldest due delivery first, then
/// every owner's second — so one tenant's slow or dead receivers cannot hold every slot.
/// </summary>
internal sealed class WebhookDeliveryStore(IServiceScopeFactory scopes, ISecretProtector protector)
{
    public const string InterruptedError = "No result was recorded: the process sending this attempt stopped (or lost its lease) before it finished.";

    private const string ClaimSql =
        """
        WITH busy AS (
            SELECT e.owner_id, count(*) AS sending
            FROM webhook_deliveries d
            JOIN webhook_endpoints e ON e.id = d.endpoint_id
            WHERE d.status = 'Sending' AND d.next_attempt_at > @now
            GROUP BY e.owner_id
        ),
        ranked AS (
            SELECT d.id, d.next_attempt_at, e.owner_id,
                   row_number() OVER (PARTITION BY e.owner_id ORDER BY d.next_attempt_at, d.id) AS turn
            FROM webhook_deliveries d
            JOIN webhook_endpoints e ON e.id = d.endpoint_id
            WHERE d.status IN ('Pending', 'Sending') AND d.next_attempt_at <= @now AND e.is_active
        ),
        fair AS (
            SELECT r.id, r.turn, r.next_attempt_at
            FROM ranked r
            LEFT JOIN busy b ON b.owner_id = r.owner_id
            WHERE r.turn <= @per_owner - COALESCE(b.sending, 0)
        ),
        due AS (
            SELECT d.id
            FROM webhook_deliveries d
            JOIN fair f ON f.id = d.id
            WHERE d.status IN ('Pending', 'Sending') AND d.next_attempt_at <= @now
            ORDER BY f.turn, f.next_attempt_at
            LIMIT @limit
            FOR UPDATE OF d SKIP LOCKED
        ),
        interrupted AS (
            INSERT INTO webhook_delivery_attempts (id, delivery_id, attempted_at, duration_ms, status_code, error)
            SELECT gen_random_uuid(), d.id, COALESCE(d.last_attempt_at, @now), NULL, NULL, @interrupted
            FROM webhook_deliveries d
            JOIN due ON due.id = d.id
            WHERE d.status = 'Sending'
        )
        UPDATE webhook_deliveries d
        SET status = 'Sending', claim_token = @claim_token, attempt_count = d.attempt_count + 1,
            last_attempt_at = @now, next_attempt_at = @lease_until
        FROM due, webhook_endpoints e
        WHERE d.id = due.id AND e.id = d.endpoint_id
        RETURNING d.id, d.event_type, d.body, d.attempt_count, e.url, e.secret
        """;

    private const string CompleteSql =
        """
        WITH done AS (
            UPDATE webhook_deliveries
            SET status = @status, next_attempt_at = @next_attempt_at, claim_token = NULL,
                last_status_code = @status_code, last_error = @error, delivered_at = @delivered_at
            WHERE id = @id AND claim_token = @claim_token
            RETURNING id
        )
        INSERT INTO webhook_delivery_attempts (id, delivery_id, attempted_at, duration_ms, status_code, error)
        SELECT @attempt_id, id, @attempted_at, @duration_ms, @status_code, @error FROM done
        """;

    public async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(int limit, int perOwner, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KeyBoxDbContext>();
        await db.Database.OpenConnectionAsync(cancellationToken);
        var claimToken = Guid.CreateVersion7();
        await using var command = new NpgsqlCommand(ClaimSql, (NpgsqlConnection)db.Database.GetDbConnection());
        command.Parameters.Add(Parameter("now", NpgsqlDbType.TimestampTz, now.UtcDateTime));
        command.Parameters.Add(Parameter("limit", NpgsqlDbType.Integer, limit));
        command.Parameters.Add(Parameter("per_owner", NpgsqlDbType.Integer, perOwner));
        command.Parameters.Add(Parameter("interrupted", NpgsqlDbType.Text, InterruptedError));
        command.Parameters.Add(Parameter("claim_token", NpgsqlDbType.Uuid, claimToken));
        command.Parameters.Add(Parameter("lease_until", NpgsqlDbType.TimestampTz, (now + lease).UtcDateTime));

        var claimed = new List<ClaimedDelivery>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new ClaimedDelivery(
                reader.GetGuid(0), claimToken, reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4),
                protector.UnprotectText(reader.GetString(5), SecretPurposes.WebhookSecret)));
        }

        return claimed;
    }

    /// <summary>Records the attempt and the delivery's new state; false when the claim was lost meanwhile (nothing written).</summary>
    public async Task<bool> CompleteAsync(ClaimedDelivery delivery, AttemptResult result, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KeyBoxDbContext>();
        await db.Database.OpenConnectionAsync(cancellationToken);
        var error = result.Error is { Length: > WebhookDeliveryAttempt.ErrorMaxLength } tooLong ? tooLong[..WebhookDeliveryAttempt.ErrorMaxLength] : result.Error;
        await using var command = new NpgsqlCommand(CompleteSql, (NpgsqlConnection)db.Database.GetDbConnection());
        command.Parameters.Add(Parameter("id", NpgsqlDbType.Uuid, delivery.Id));
        command.Parameters.Add(Parameter("claim_token", NpgsqlDbType.Uuid, delivery.ClaimToken));
        command.Parameters.Add(Parameter("status", NpgsqlDbType.Varchar, result.Status.ToString()));
        command.Parameters.Add(Parameter("next_attempt_at", NpgsqlDbType.TimestampTz, result.NextAttemptAt?.UtcDateTime));
        command.Parameters.Add(Parameter("status_code", NpgsqlDbType.Integer, result.StatusCode));
        command.Parameters.Add(Parameter("error", NpgsqlDbType.Varchar, error));
        command.Parameters.Add(Parameter("delivered_at", NpgsqlDbType.TimestampTz, result.DeliveredAt?.UtcDateTime));
        command.Parameters.Add(Parameter("attempt_id", NpgsqlDbType.Uuid, Guid.CreateVersion7()));
        command.Parameters.Add(Parameter("attempted_at", NpgsqlDbType.TimestampTz, result.AttemptedAt.UtcDateTime));
        command.Parameters.Add(Parameter("duration_ms", NpgsqlDbType.Integer, result.DurationMs));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static NpgsqlParameter Parameter(string name, NpgsqlDbType type, object? value) =>
        new(name, type) { Value = value ?? DBNull.Value };
}
