using KeyBox.Application.ApiKeys.Queries.AuthenticateApiKey;
using KeyBox.Application.Common.Interfaces;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace KeyBox.Infrastructure.ReadModel;

/// <summary>
/// Keeps one dedicated connection that LISTENs on <see cref="Channel"/>, where the triggers of the licenses,
/// activations, products and api_keys tables (migration <c>VerifyCacheInvalidation</c>; webhook_endpoints and users'
/// roles for the webhook subscribers since <c>WebhookSubscriberInvalidation</c>; users' active flags and security stamps,
/// for the account states of authentication, since <c>AccountRevocation</c>) announce every relevant
/// write as <c>table:id</c> (<c>*</c> for a TRUNCATE), whoever made it. Each announcement removes the row from the
/// in-process caches. When the connection breaks the caches are emptied and stop serving until it is back
/// (every read then goes to the database): a lost notification can never leave a stale entry behind.
/// </summary>
internal sealed class CacheInvalidationListener(
    ListenerConnectionFactory connections,
    ReadCache cache,
    WebhookSubscriberCache subscribers,
    AccountStateCache accounts,
    IServiceProvider services,
    ILogger<CacheInvalidationListener> logger) : BackgroundService
{
    public const string Channel = "keybox_invalidate";
    public const string ApplicationName = "keybox-cache-listener";
    private static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var memory = services.GetService<IMemoryCache>();
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = connections.Create(ApplicationName);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => Apply(e.Payload, memory);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                // From here on no write can go unnoticed: forget what was read before, then serve.
                cache.Resume();
                subscribers.Resume();
                accounts.Resume();
                ClearApiKeys(memory);
                if (failures > 0)
                {
                    logger.LogInformation("Cache invalidation listener reconnected; the read cache serves again");
                }

                failures = 0;
                while (true)
                {
                    if (!await connection.WaitAsync(PingInterval, stoppingToken))
                    {
                        // Nothing arrived: make sure the connection is still alive (a dead one would miss notifications).
                        await using var ping = new NpgsqlCommand("SELECT 1", connection) { CommandTimeout = 2 };
                        await ping.ExecuteScalarAsync(stoppingToken);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                cache.Suspend();
                subscribers.Suspend();
                accounts.Suspend();
                ClearApiKeys(memory);
                if (failures++ == 0)
                {
                    logger.LogWarning(ex, "Cache invalidation listener lost its connection; caches are bypassed until it is back");
                }

                try
                {
                    await Task.Delay(RetryDelay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        cache.Suspend();
        subscribers.Suspend();
        accounts.Suspend();
    }

    private void Apply(string payload, IMemoryCache? memory)
    {
        var separator = payload.IndexOf(':', StringComparison.Ordinal);
        if (separator < 0)
        {
            cache.InvalidateAll();
            subscribers.InvalidateAll();
            accounts.InvalidateAll();
            ClearApiKeys(memory);
            return;
        }

        var table = payload.AsSpan(0, separator);
        var id = payload.AsSpan(separator + 1);
        if (table.SequenceEqual("api_keys"))
        {
            memory?.Remove(ApiKeyCacheKeys.For(id.ToString()));
            return;
        }

        // Any endpoint, or any user's role, can change who hears about any owner's events.
        if (table.SequenceEqual("webhook_endpoints"))
        {
            subscribers.InvalidateAll();
            return;
        }

        // An account's role, active flag or security stamp changed: its tokens and keys are checked afresh.
        if (table.SequenceEqual("users"))
        {
            if (Guid.TryParse(id, out var userId))
            {
                accounts.Invalidate(userId);
            }
            else
            {
                accounts.InvalidateAll();
            }

            subscribers.InvalidateAll();
            return;
        }

        if (!Guid.TryParse(id, out var guid))
        {
            cache.InvalidateAll();
            return;
        }

        switch (table)
        {
            case "activations":
                cache.InvalidateActivation(guid);
                break;
            case "licenses":
                cache.InvalidateLicense(guid);
                break;
            case "products":
                cache.InvalidateProduct(guid);
                break;
            case "product_versions":
                cache.InvalidateVersions(guid);
                break;
            default:
                cache.InvalidateAll();
                break;
        }
    }

    // API key outcomes live in the shared memory cache for a few seconds; when notifications may have been
    // missed they are all dropped (the cache is shared, so it is compacted entirely: it only holds small entries).
    private static void ClearApiKeys(IMemoryCache? memory)
    {
        if (memory is MemoryCache concrete)
        {
            concrete.Clear();
        }
    }
}

/// <summary>Builds the listener's own connection: unpooled, so that LISTEN never leaks into a pooled connection.</summary>
internal sealed class ListenerConnectionFactory(string connectionString)
{
    public NpgsqlConnection Create(string applicationName)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = false,
            ApplicationName = applicationName,
            KeepAlive = 5,
        };
        return new NpgsqlConnection(builder.ConnectionString);
    }
}
