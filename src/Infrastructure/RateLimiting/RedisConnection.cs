using StackExchange.Redis;

namespace KeyBox.Infrastructure.RateLimiting;

/// <summary>
/// The process's one Redis connection, opened on first use. It never blocks a request on an absent server:
/// connecting does not abort on failure (the multiplexer keeps reconnecting in the background), commands fail fast
/// while disconnected instead of queueing, and timeouts are short. The client library's own logging stays off: it
/// would log every reconnection attempt; the counter store and the readiness check report outages instead.
/// </summary>
public sealed class RedisConnection : IAsyncDisposable
{
    private readonly ConfigurationOptions _options;
    private readonly Lock _gate = new();
    private Task<ConnectionMultiplexer>? _connecting;

    public RedisConnection(string connectionString)
    {
        _options = ConfigurationOptions.Parse(connectionString);
        _options.AbortOnConnectFail = false;
        _options.BacklogPolicy = BacklogPolicy.FailFast;
        _options.ConnectTimeout = Math.Min(_options.ConnectTimeout, 2000);
        _options.AsyncTimeout = Math.Min(_options.AsyncTimeout, 1000);
        _options.SyncTimeout = Math.Min(_options.SyncTimeout, 1000);
        _options.ClientName ??= "keybox";
    }

    /// <summary>The database when Redis is connected now; null when it is not (the caller fails open).</summary>
    public async ValueTask<IDatabase?> GetDatabaseAsync()
    {
        var multiplexer = await ConnectAsync();
        return multiplexer.IsConnected ? multiplexer.GetDatabase() : null;
    }

    private Task<ConnectionMultiplexer> ConnectAsync()
    {
        lock (_gate)
        {
            if (_connecting is null || _connecting.IsFaulted || _connecting.IsCanceled)
            {
                _connecting = ConnectionMultiplexer.ConnectAsync(_options);
            }

            return _connecting;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task<ConnectionMultiplexer>? connecting;
        lock (_gate)
        {
            connecting = _connecting;
            _connecting = null;
        }

        if (connecting is { IsCompletedSuccessfully: true })
        {
            await connecting.Result.DisposeAsync();
        }
    }
}
