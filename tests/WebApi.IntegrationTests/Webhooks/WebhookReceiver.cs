using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace KeyBox.WebApi.IntegrationTests.Webhooks;

/// <summary>A request as the receiver saw it: the raw body bytes and the headers.</summary>
public sealed record ReceivedWebhook(int Number, byte[] RawBody, IReadOnlyDictionary<string, string> Headers, DateTimeOffset ReceivedAt)
{
    public string Body => Encoding.UTF8.GetString(RawBody);

    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : throw new AssertionException($"No {name} header was sent.");

    public string DeliveryId => Header("X-Webhook-Delivery");

    public string EventType => Header("X-Webhook-Event");
}

/// <summary>
/// A real HTTP receiver for webhooks: Kestrel on 127.0.0.1 with a free port, in the test process. It records every
/// request (complete, before answering) and answers with what <c>respond</c> decides for the n-th request (1-based).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private int _count;

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>The hook URL, e.g. <c>http://127.0.0.1:41234/hook</c>.</summary>
    public string Url { get; private set; } = string.Empty;

    public int Port => new Uri(Url).Port;

    public IReadOnlyList<ReceivedWebhook> Received => _received.OrderBy(r => r.Number).ToList();

    public static async Task<WebhookReceiver> StartAsync(Func<ReceivedWebhook, CancellationToken, Task<int>>? respond = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        respond ??= (_, _) => Task.FromResult(StatusCodes.Status200OK);
        app.MapPost("/hook", async context =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            var received = new ReceivedWebhook(Interlocked.Increment(ref receiver._count), buffer.ToArray(), headers, DateTimeOffset.UtcNow);
            receiver._received.Enqueue(received);
            context.Response.StatusCode = await respond(received, context.RequestAborted);
        });
        await app.StartAsync();
        receiver.Url = app.Urls.Single().TrimEnd('/') + "/hook";
        return receiver;
    }

    /// <summary>Waits until at least <paramref name="count"/> requests matching <paramref name="filter"/> arrived.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(int count, Func<ReceivedWebhook, bool>? filter = null, double timeoutSeconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            var matching = Received.Where(filter ?? (_ => true)).ToList();
            if (matching.Count >= count)
            {
                return matching;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new AssertionException(
                    $"Expected {count} webhook request(s) within {timeoutSeconds} s, got {matching.Count}: {string.Join(", ", Received.Select(r => r.EventType))}");
            }

            await Task.Delay(25);
        }
    }

    public Task<IReadOnlyList<ReceivedWebhook>> WaitForEventAsync(string eventType, int count = 1, double timeoutSeconds = 15) =>
        WaitForAsync(count, r => r.EventType == eventType, timeoutSeconds);

    public async ValueTask DisposeAsync()
    {
        using var shutdown = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        await _app.StopAsync(shutdown.Token);
        await _app.DisposeAsync();
    }
}
