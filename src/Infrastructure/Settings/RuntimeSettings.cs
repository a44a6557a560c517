using KeyBox.Application.Common.Interfaces;
using KeyBox.Application.Settings;
using KeyBox.Domain.Settings;
using KeyBox.Infrastructure.Persistence;
using KeyBox.Application.RateLimiting;
using KeyBox.Infrastructure.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KeyBox.Infrastructure.Settings;

/// <summary>
/// Keeps this process's copy of the runtime settings. Every process polls the one settings row every
/// <c>RateLimiting:SettingsRefreshSeconds</c> (2 s by default), so a change made through any process applies on all
/// of them within that time, without a restart and without another moving part (no pub/sub, no LISTEN connection to
/// keep alive). The process that saved a change applies it at once. A refresh that fails keeps the last known
/// settings and logs a warning at most once a minute.
/// </summary>
internal sealed class RuntimeSettings(
    IServiceScopeFactory scopeFactory,
    IOptions<RateLimitingOptions> options,
    ILogger<RuntimeSettings> logger) : BackgroundService, IRuntimeSettings
{
    private readonly LogThrottle _warnings = new(TimeSpan.FromMinutes(1));
    private Snapshot _snapshot = new(ServerSettingsDto.Defaults, 0);

    public ServerSettingsDto Current => Volatile.Read(ref _snapshot).Settings;

    public void Apply(ServerSettingsDto settings)
    {
        Snapshot seen, next;
        do
        {
            seen = Volatile.Read(ref _snapshot);
            next = new Snapshot(settings, seen.Generation + 1);
        }
        while (Interlocked.CompareExchange(ref _snapshot, next, seen) != seen);
    }

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var before = Volatile.Read(ref _snapshot);
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KeyBoxDbContext>();
        var stored = await db.Set<ServerSettings>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == ServerSettings.SingletonId, cancellationToken);
        var loaded = stored is null ? ServerSettingsDto.Defaults : stored.ToDto();

        // A change applied by this process while the row was being read wins over what was read before it.
        Interlocked.CompareExchange(ref _snapshot, new Snapshot(loaded, before.Generation + 1), before);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SettingsRefreshInterval);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
                _warnings.Reset();
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                if (_warnings.ShouldLog(out _))
                {
                    logger.LogWarning(ex, "Could not reload the runtime settings; keeping the last known ones.");
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private sealed record Snapshot(ServerSettingsDto Settings, long Generation);
}
