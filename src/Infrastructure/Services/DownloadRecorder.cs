using System.Threading.Channels;
using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Downloads;
using KeyBox.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KeyBox.Infrastructure.Services;

/// <summary>
/// Queues downloads in memory and writes them in batches from the background, so a download never waits on the
/// database. The queue is bounded: if the database is unreachable for long, the newest records are dropped (and
/// logged) rather than memory growing without end; records still queued at shutdown are written before exit.
/// </summary>
internal sealed class DownloadRecorder : BackgroundService, IDownloadRecorder
{
    private const int Capacity = 100_000;
    private const int MaxBatch = 500;
    private readonly Channel<Download> _queue;
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<DownloadRecorder> _logger;

    public DownloadRecorder(IServiceScopeFactory scopes, ILogger<DownloadRecorder> logger)
    {
        _scopes = scopes;
        _logger = logger;
        _queue = Channel.CreateBounded<Download>(
            new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true },
            dropped => _logger.LogWarning("Download log queue is full; dropped the record of {UpdateId} ({Kind})", dropped.UpdateId, dropped.FileKind));
    }

    public void Record(Download download) => _queue.Writer.TryWrite(download);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Download>(MaxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                Drain(batch);
                await WriteAsync(batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        // Shutting down: write what is still queued.
        Drain(batch);
        while (batch.Count > 0)
        {
            await WriteAsync(batch, CancellationToken.None);
            Drain(batch);
        }
    }

    private void Drain(List<Download> batch)
    {
        batch.Clear();
        while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var download))
        {
            batch.Add(download);
        }
    }

    private async Task WriteAsync(List<Download> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KeyBoxDbContext>();
            db.Downloads.AddRange(batch);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogWarning(ex, "Could not write {Count} download records", batch.Count);
        }
    }
}
