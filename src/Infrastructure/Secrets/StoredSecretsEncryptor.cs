using System.Security.Cryptography;
using KeyBox.Application.Common.Interfaces;
using KeyBox.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace KeyBox.Infrastructure.Secrets;

/// <summary>
/// Runs at start-up, after the migrations, under the migration lock:
/// <list type="number">
/// <item>checks that the secrets already stored decrypt with this server's master key, and refuses to start (before
/// anything is written) when they do not — a server with the wrong key would otherwise store new secrets no other
/// process can read;</item>
/// <item>encrypts the rows an older KeyBox wrote in clear (values without the <c>kbs1:</c> envelope): the JWT signing
/// key, the license-data keys (which migration <c>SecretsAtRest</c> turned into base64 text) and the webhook secrets.
/// Each row is rewritten only if it still holds the clear value, so the pass is idempotent and safe with several
/// processes.</item>
/// </list>
/// </summary>
public sealed class StoredSecretsEncryptor(KeyBoxDbContext db, ISecretProtector protector, ILogger<StoredSecretsEncryptor> logger)
{
    /// <summary>The lock the migrations take (<see cref="KeyBoxInitialiser"/>).</summary>
    private const long LockId = 7243001;

    private static readonly SecretColumn ServerSecrets = new("server_secrets", "name", "value", key => SecretPurposes.ServerSecret(key.ToString()!), ClearIsText: true);

    private static readonly SecretColumn LicenseDataKeys = new("license_data_keys", "id", "material", key => SecretPurposes.LicenseDataKey((int)key), ClearIsText: false);

    private static readonly SecretColumn SigningKeys = new("signing_keys", "id", "private_key", key => Signing.LicenseSigner.PrivateKeyPurpose((string)key), ClearIsText: false);

    private static readonly SecretColumn WebhookSecrets = new("webhook_endpoints", "id", "secret", _ => SecretPurposes.WebhookSecret, ClearIsText: true);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await ExecuteAsync(connection, $"SELECT pg_advisory_lock({LockId})", cancellationToken);
            try
            {
                // Every server secret and license-data key (a handful of rows), and one webhook secret.
                await CheckMasterKeyAsync(connection, ServerSecrets, limit: null, cancellationToken);
                await CheckMasterKeyAsync(connection, LicenseDataKeys, limit: null, cancellationToken);
                await CheckMasterKeyAsync(connection, SigningKeys, limit: null, cancellationToken);
                await CheckMasterKeyAsync(connection, WebhookSecrets, limit: 1, cancellationToken);

                var encrypted = 0;
                foreach (var column in new[] { ServerSecrets, LicenseDataKeys, WebhookSecrets })
                {
                    encrypted += await EncryptClearRowsAsync(connection, column, cancellationToken);
                }

                if (encrypted > 0)
                {
                    logger.LogWarning("Encrypted {Count} secret(s) that an older version had stored in clear in the database.", encrypted);
                }
            }
            finally
            {
                await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({LockId})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task CheckMasterKeyAsync(NpgsqlConnection connection, SecretColumn column, int? limit, CancellationToken cancellationToken)
    {
        var rows = await ReadAsync(
            connection,
            $"SELECT {column.Key}, {column.Value} FROM {column.Table} WHERE {column.Value} LIKE '{SecretProtector.Prefix}%'" + (limit is { } n ? $" LIMIT {n}" : string.Empty),
            cancellationToken);
        foreach (var (key, value) in rows)
        {
            try
            {
                protector.Unprotect(value, column.Purpose(key));
            }
            catch (CryptographicException ex)
            {
                throw new InvalidOperationException(
                    $"KeyBox cannot read the secrets stored in the database with its master key: {ex.Message} "
                    + "Nothing was changed; the server will not start with this master key.", ex);
            }
        }
    }

    private async Task<int> EncryptClearRowsAsync(NpgsqlConnection connection, SecretColumn column, CancellationToken cancellationToken)
    {
        var rows = await ReadAsync(
            connection, $"SELECT {column.Key}, {column.Value} FROM {column.Table} WHERE {column.Value} NOT LIKE '{SecretProtector.Prefix}%'", cancellationToken);
        var count = 0;
        foreach (var (key, clear) in rows)
        {
            var secret = column.ClearIsText ? System.Text.Encoding.UTF8.GetBytes(clear) : Convert.FromBase64String(clear);
            await using var update = new NpgsqlCommand(
                $"UPDATE {column.Table} SET {column.Value} = @protected WHERE {column.Key} = @key AND {column.Value} = @clear", connection);
            update.Parameters.AddWithValue("protected", protector.Protect(secret, column.Purpose(key)));
            update.Parameters.AddWithValue("key", key);
            update.Parameters.AddWithValue("clear", clear);
            count += await update.ExecuteNonQueryAsync(cancellationToken);
        }

        return count;
    }

    private static async Task<List<(object Key, string Value)>> ReadAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<(object, string)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetValue(0), reader.GetString(1)));
        }

        return rows;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A table's secret column: its key column, and how its clear (legacy) values are written.</summary>
    private sealed record SecretColumn(string Table, string Key, string Value, Func<object, string> Purpose, bool ClearIsText);
}
