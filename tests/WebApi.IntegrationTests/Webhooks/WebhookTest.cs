using System.Net;
using System.Text.Json.Nodes;
using KeyBox.WebApi.IntegrationTests.Testing;
using Npgsql;

namespace KeyBox.WebApi.IntegrationTests.Webhooks;

/// <summary>
/// Helpers for the webhook tests. The shared test server does not dispatch (several servers share the database);
/// a test that needs deliveries starts its own dispatching server with <see cref="StartDispatcherAsync"/>.
/// </summary>
public abstract class WebhookTest : IntegrationTest
{
    private readonly List<IAsyncDisposable> _disposables = [];

    /// <summary>Dispatcher settings for tests: private targets allowed (the receiver is on 127.0.0.1), fast polls and retries.</summary>
    protected static Dictionary<string, string?> DispatcherSettings(params (string Key, string? Value)[] overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Webhooks:DispatcherEnabled"] = "true",
            ["Webhooks:AllowPrivateTargets"] = "true",
            ["Webhooks:PollIntervalMilliseconds"] = "100",
            ["Webhooks:RetryBaseDelaySeconds"] = "0.2",
            ["Webhooks:TimeoutSeconds"] = "5",
        };
        foreach (var (key, value) in overrides)
        {
            settings["Webhooks:" + key] = value;
        }

        return settings;
    }

    /// <summary>Starts another server process on the test database, disposed (if still running) after the test.</summary>
    protected async Task<KeyBoxFactory> StartServerAsync(Dictionary<string, string?> settings)
    {
        var factory = new KeyBoxFactory(settings);
        _disposables.Add(factory);
        _ = factory.Server;
        await Task.CompletedTask;
        return factory;
    }

    /// <summary>Stops a server started by this test (its host shuts down as a process would).</summary>
    protected async Task StopServerAsync(KeyBoxFactory server)
    {
        _disposables.Remove(server);
        await server.DisposeAsync();
    }

    protected Task<KeyBoxFactory> StartDispatcherAsync(params (string Key, string? Value)[] overrides) => StartServerAsync(DispatcherSettings(overrides));

    protected async Task<WebhookReceiver> StartReceiverAsync(Func<ReceivedWebhook, CancellationToken, Task<int>>? respond = null)
    {
        var receiver = await WebhookReceiver.StartAsync(respond);
        _disposables.Add(receiver);
        return receiver;
    }

    [TearDown]
    public async Task DisposeServersAndReceiversAsync()
    {
        // Servers first: no dispatcher may still be sending when the next test resets the data.
        foreach (var disposable in _disposables.OfType<KeyBoxFactory>().Concat(_disposables.Where(d => d is not KeyBoxFactory)).Reverse())
        {
            await disposable.DisposeAsync();
        }

        _disposables.Clear();
    }

    protected static async Task ExecuteSqlAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    protected async Task<JsonObject> CreateWebhookAsync(string url, string? secret = null, string[]? events = null, HttpClient? client = null)
    {
        var json = await SendAsync(client ?? Internal, HttpMethod.Post, "/api/internal/webhooks", new { url, secret, events }, HttpStatusCode.Created);
        return json["data"]!.AsObject();
    }

    protected async Task<JsonArray> DeliveriesAsync(string webhookId, HttpClient? client = null)
    {
        var json = await SendAsync(client ?? Internal, HttpMethod.Get, $"/api/internal/webhooks/{webhookId}/deliveries?per_page=100", null, HttpStatusCode.OK);
        return json["data"]!.AsArray();
    }

    /// <summary>Polls the delivery log until <paramref name="done"/> holds for it.</summary>
    protected async Task<JsonArray> WaitForDeliveriesAsync(string webhookId, Func<JsonArray, bool> done, double timeoutSeconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            var deliveries = await DeliveriesAsync(webhookId);
            if (done(deliveries))
            {
                return deliveries;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new AssertionException($"The delivery log did not reach the expected state within {timeoutSeconds} s: {deliveries.ToJsonString()}");
            }

            await Task.Delay(50);
        }
    }
}
