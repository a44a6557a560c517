using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Accounts;
using KeyBox.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace KeyBox.Infrastructure.Identity;

/// <summary>
/// One login-throttle counter (<c>pair:email|ip</c>, <c>ip:address</c> or <c>account:email</c>): the attempts counted
/// since its window opened and, for an account beyond its ceiling, when its next password check may start. Written
/// only by the SQL functions <c>keybox_login_throttle_acquire</c> / <c>_release</c> (migration <c>LoginThrottle</c>).
/// </summary>
internal sealed class LoginThrottleCounter
{
    public const int KeyMaxLength = 400;

    public string Key { get; private set; } = string.Empty;

    public DateTimeOffset WindowStart { get; private set; }

    public int Attempts { get; private set; }

    public DateTimeOffset? NextCheckAt { get; private set; }
}

internal sealed class LoginThrottleCounterConfiguration : IEntityTypeConfiguration<LoginThrottleCounter>
{
    public void Configure(EntityTypeBuilder<LoginThrottleCounter> builder)
    {
        builder.ToTable("login_throttle");
        builder.HasKey(c => c.Key);
        builder.Property(c => c.Key).HasMaxLength(LoginThrottleCounter.KeyMaxLength);
        builder.HasIndex(c => c.WindowStart);
    }
}

/// <summary>
/// The login throttle in PostgreSQL, shared by every server process. Taking a place is one call of a SQL function
/// that locks the attempt's counters (in key order, so attempts sharing keys never deadlock), decides and counts:
/// concurrent attempts are serialised per key by the row locks, so no limit can be overrun.
/// </summary>
internal sealed class LoginThrottleStore(KeyBoxDbContext db) : ILoginThrottle
{
    /// <summary>Counters forgotten per call of <see cref="ForgetExpiredAsync"/> at most.</summary>
    public const int ForgetBatch = 200;

    public async Task<TimeSpan?> TryAcquireAsync(LoginThrottleKeys keys, LoginThrottlePolicy policy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync(
            "SELECT keybox_login_throttle_acquire(@pair, @pair_limit, @ip, @ip_limit, @account, @account_limit, @account_delay, @window, @now)",
            cancellationToken);
        command.Parameters.Add(Parameter("pair", NpgsqlDbType.Text, Fit(keys.Pair)));
        command.Parameters.Add(Parameter("pair_limit", NpgsqlDbType.Integer, policy.MaxFailures));
        command.Parameters.Add(Parameter("ip", NpgsqlDbType.Text, Fit(keys.Ip)));
        command.Parameters.Add(Parameter("ip_limit", NpgsqlDbType.Integer, policy.PerIpMaxFailures));
        command.Parameters.Add(Parameter("account", NpgsqlDbType.Text, Fit(keys.Account)));
        command.Parameters.Add(Parameter("account_limit", NpgsqlDbType.Integer, policy.PerAccountMaxFailures));
        command.Parameters.Add(Parameter("account_delay", NpgsqlDbType.Interval, policy.PerAccountDelay));
        command.Parameters.Add(Parameter("window", NpgsqlDbType.Interval, policy.Window));
        command.Parameters.Add(Parameter("now", NpgsqlDbType.TimestampTz, now.UtcDateTime));
        var wait = await command.ExecuteScalarAsync(cancellationToken);
        return wait is TimeSpan refused ? refused : null;
    }

    public async Task ReleaseAsync(LoginThrottleKeys keys, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync("SELECT keybox_login_throttle_release(@pair, @ip, @account)", cancellationToken);
        command.Parameters.Add(Parameter("pair", NpgsqlDbType.Text, Fit(keys.Pair)));
        command.Parameters.Add(Parameter("ip", NpgsqlDbType.Text, Fit(keys.Ip)));
        command.Parameters.Add(Parameter("account", NpgsqlDbType.Text, Fit(keys.Account)));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task ForgetExpiredAsync(LoginThrottlePolicy policy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // SKIP LOCKED: counters in use are left alone (and this never waits, so it cannot deadlock with an attempt).
        await using var command = await CommandAsync(
            """
            DELETE FROM login_throttle WHERE key IN (
                SELECT key FROM login_throttle WHERE window_start <= @cutoff
                ORDER BY window_start LIMIT @batch FOR UPDATE SKIP LOCKED)
            """,
            cancellationToken);
        command.Parameters.Add(Parameter("cutoff", NpgsqlDbType.TimestampTz, (now - policy.Window).UtcDateTime));
        command.Parameters.Add(Parameter("batch", NpgsqlDbType.Integer, ForgetBatch));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<NpgsqlCommand> CommandAsync(string sql, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        return new NpgsqlCommand(sql, (NpgsqlConnection)db.Database.GetDbConnection())
        {
            Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction(),
        };
    }

    private static string? Fit(string? key) => key is { Length: > LoginThrottleCounter.KeyMaxLength } ? key[..LoginThrottleCounter.KeyMaxLength] : key;

    private static NpgsqlParameter Parameter(string name, NpgsqlDbType type, object? value) =>
        new(name, type) { Value = value ?? DBNull.Value };
}
