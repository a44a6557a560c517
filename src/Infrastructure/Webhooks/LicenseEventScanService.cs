using KeyBox.Application.Webhooks;
using KeyBox.Application.Webhooks.Commands.RunLicenseEventScan;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KeyBox.Infrastructure.Webhooks;

/// <summary>
/// Runs the scheduled license scan (<see cref="RunLicenseEventScanCommand"/>) at start-up and then every
/// <c>Webhooks:ScanIntervalSeconds</c> (0 = never). Every process may run it: the event marks make each event fire once.
/// </summary>
internal sealed class LicenseEventScanService(
    IServiceScopeFactory scopes,
    IOptions<WebhookOptions> options,
    ILogger<LicenseEventScanService> logger) : BackgroundService
{
    private static readonly TimeSpan MaxInterval = TimeSpan.FromDays(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.ScanInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval < MaxInterval ? interval : MaxInterval);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RunLicenseEventScanCommand(), stoppingToken);
                logger.LogInformation(
                    "License event scan: {Expiring} expiring, {Expired} expired, {UpdateSupportExpired} update support expired.",
                    result.Expiring, result.Expired, result.UpdateSupportExpired);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "The license event scan failed; it runs again at the next interval.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
