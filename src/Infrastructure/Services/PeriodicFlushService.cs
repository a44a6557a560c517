using Microsoft.Extensions.Hosting;

namespace KeyBox.Infrastructure.Services;

/// <summary>
/// A background service that calls <see cref="FlushAsync"/> every <see cref="FlushInterval"/> and once more at shutdown:
/// the shared loop of the in-memory batchers (last-seen times, daily usage counters), so that a request records in
/// memory and never waits on a write.
/// </summary>
public abstract class PeriodicFlushService(TimeProvider? clock = null) : BackgroundService
{
    /// <summary>The clock the flush timer runs on.</summary>
    protected TimeProvider Clock { get; } = clock ?? TimeProvider.System;

    protected abstract TimeSpan FlushInterval { get; }

    /// <summary>Writes what was recorded since the last flush.</summary>
    public abstract Task FlushAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(FlushInterval, Clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
        }

        await FlushAsync(CancellationToken.None);
    }
}
