using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using KeyBox.Application.Webhooks;
using KeyBox.Domain.Webhooks;
using KeyBox.Infrastructure.RateLimiting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KeyBox.Infrastructure.Webhooks;

/// <summary>
/// Sends the outbox: claims due deliveries (see <see cref="WebhookDeliveryStore"/>), posts each one signed, with a
/// timeout, and records every attempt; failures are retried on the <see cref="WebhookRetryPolicy"/> schedule. Up to
/// <c>Webhooks:MaxConcurrentDeliveries</c> are in flight at once; the loop looks for due rows every
/// <c>Webhooks:PollIntervalMilliseconds</c>, at once when a save in this process wrote some, and whenever a slot frees up.
/// When the process stops mid-delivery nothing is recorded: the lease runs out and the delivery is sent again (same id).
/// </summary>
internal sealed class WebhookDispatcher(
    WebhookDeliveryStore store,
    IHttpClientFactory httpClients,
    WebhookDispatchSignal signal,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string ClientName = "KeyBox.Webhooks";
    private readonly LogThrottle _claimWarnings = new(TimeSpan.FromMinutes(1));

    /// <summary>Lowercase hex HMAC-SHA256 of the exact body bytes, keyed with the endpoint's secret (UTF-8).</summary>
    public static string Sign(string secret, byte[] body) => Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.DispatcherEnabled)
        {
            return;
        }

        var capacity = Math.Max(settings.MaxConcurrentDeliveries, 1);
        var inFlight = new List<Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            inFlight.RemoveAll(t => t.IsCompleted);
            signal.Reset();
            if (inFlight.Count < capacity)
            {
                foreach (var delivery in await ClaimAsync(capacity - inFlight.Count, settings, stoppingToken))
                {
                    inFlight.Add(DeliverAsync(delivery, settings, stoppingToken));
                }
            }

            await WaitAsync(inFlight, settings.PollInterval, stoppingToken);
        }

        await Task.WhenAll(inFlight);
    }

    private async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(int limit, WebhookOptions settings, CancellationToken stoppingToken)
    {
        try
        {
            var claimed = await store.ClaimAsync(limit, settings.PerOwnerLimit, clock.GetUtcNow(), settings.Lease, stoppingToken);
            _claimWarnings.Reset();
            return claimed;
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            if (_claimWarnings.ShouldLog(out var suppressed))
            {
                logger.LogWarning(ex, "Could not look for due webhook deliveries ({Suppressed} similar warnings suppressed).", suppressed);
            }

            return [];
        }
        catch (OperationCanceledException)
        {
            return [];
        }
    }

    private async Task WaitAsync(List<Task> inFlight, TimeSpan pollInterval, CancellationToken stoppingToken)
    {
        using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var wakers = new List<Task> { signal.WaitAsync(), Task.Delay(pollInterval, stopWaiting.Token) };
        if (inFlight.Count > 0)
        {
            wakers.Add(Task.WhenAny(inFlight));
        }

        await Task.WhenAny(wakers);
        await stopWaiting.CancelAsync();
    }

    private async Task DeliverAsync(ClaimedDelivery delivery, WebhookOptions settings, CancellationToken stoppingToken)
    {
        var attemptedAt = clock.GetUtcNow();
        var started = Stopwatch.GetTimestamp();
        int? statusCode = null;
        string? error;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(settings.Timeout);
            var body = Encoding.UTF8.GetBytes(delivery.Body);
            using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Add("X-Webhook-Event", delivery.EventType);
            request.Headers.Add("X-Webhook-Signature", Sign(delivery.Secret, body));
            request.Headers.Add("X-Webhook-Delivery", delivery.Id.ToString());
            request.Headers.Add("X-Webhook-Timestamp", attemptedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));

            var client = httpClients.CreateClient(ClientName);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            statusCode = (int)response.StatusCode;
            error = WebhookDeliveryAttempt.IsSuccess(statusCode) ? null : $"The receiver answered HTTP {statusCode}.";
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the claim stays until its lease runs out, then this delivery is sent again (same id).
            return;
        }
        catch (OperationCanceledException)
        {
            error = $"No response within {settings.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.";
        }
        catch (Exception ex)
        {
            error = Describe(ex);
        }

        var durationMs = (int)Math.Min(Stopwatch.GetElapsedTime(started).TotalMilliseconds, int.MaxValue);
        var now = clock.GetUtcNow();
        var succeeded = WebhookDeliveryAttempt.IsSuccess(statusCode);
        var (status, nextAttemptAt) = settings.RetryPolicy.After(delivery.AttemptCount, succeeded, now, Random.Shared.NextDouble());
        try
        {
            await store.CompleteAsync(
                delivery,
                new AttemptResult(attemptedAt, durationMs, statusCode, error, status, nextAttemptAt, succeeded ? now : null),
                CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not record the result of webhook delivery {DeliveryId}; it will be sent again when its lease runs out.", delivery.Id);
        }
    }

    private static string Describe(Exception ex)
    {
        for (var inner = ex; inner is not null; inner = inner.InnerException)
        {
            if (inner is WebhookTargetRefusedException refused)
            {
                return refused.Message;
            }
        }

        return ex.InnerException is { } cause && !ex.Message.Contains(cause.Message, StringComparison.Ordinal)
            ? $"{ex.Message} ({cause.Message})"
            : ex.Message;
    }
}
