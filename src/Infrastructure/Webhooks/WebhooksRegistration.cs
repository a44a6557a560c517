using KeyBox.Application.Common.Interfaces;
using KeyBox.Application.Webhooks;
using KeyBox.Domain.Webhooks;
using KeyBox.Infrastructure.Persistence.Repositories;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KeyBox.Infrastructure.Webhooks;

internal static class WebhooksRegistration
{
    /// <summary>Endpoints, the outbox, the dispatcher (with its guarded HTTP client) and the scheduled license scan.</summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WebhookOptions>(configuration.GetSection(WebhookOptions.Section));
        services.AddScoped<IWebhookEndpointRepository, WebhookEndpointRepository>();
        services.AddScoped<IWebhookDeliveryRepository, WebhookDeliveryRepository>();
        services.AddScoped<IWebhookOutbox, WebhookOutbox>();
        services.AddScoped<ILicenseEventMarks, LicenseEventMarks>();
        services.AddSingleton<WebhookDispatchSignal>();
        services.AddSingleton<WebhookDeliveryStore>();
        services.AddSingleton<WebhookTargetGuard>();

        services.AddHttpClient(WebhookDispatcher.ClientName, client =>
            {
                // Each attempt has its own timeout (Webhooks:TimeoutSeconds), told apart from other failures in the log.
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("KeyBox-Webhooks/1.0");
            })
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                // Every connection goes through the guard; no proxy (it would be the address checked) and no redirects
                // (a 3xx is a failed attempt, not a detour to somewhere else).
                ConnectCallback = sp.GetRequiredService<WebhookTargetGuard>().ConnectAsync,
                UseProxy = false,
                AllowAutoRedirect = false,
                UseCookies = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            });

        services.AddHostedService<WebhookDispatcher>();
        services.AddHostedService<LicenseEventScanService>();
        return services;
    }
}
