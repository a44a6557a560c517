using FluentValidation;
using KeyBox.Application.Common.Interfaces;
using KeyBox.Application.Licenses;
using KeyBox.Application.RateLimiting;
using KeyBox.Application.Webhooks;
using KeyBox.Domain.Licenses;
using Microsoft.Extensions.DependencyInjection;

namespace KeyBox.Application;

public static class DependencyInjection
{
    /// <summary>Validators (stateless: singletons, built once) and mapping profiles. Mediator itself is registered by the host (source generation).</summary>
    public static IServiceCollection AddApplication(this IServiceCollection services, string? autoMapperLicenseKey)
    {
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddAutoMapper(
            cfg =>
            {
                // An empty key is "no key" (AutoMapper then logs one warning), not a key that fails to validate (a critical log entry at every start).
                if (!string.IsNullOrWhiteSpace(autoMapperLicenseKey))
                {
                    cfg.LicenseKey = autoMapperLicenseKey;
                }
            },
            typeof(DependencyInjection).Assembly);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<FixedWindowRateLimiter>();

        services.AddScoped<IDownloadEntitlement, Licenses.LicenseDownloadEntitlement>();
        services.AddScoped<IDomainEventHandler<LicenseEvent>, LicenseWebhookEventHandler>();
        services.AddScoped<ActivationLocator>();
        services.AddScoped<ProductLookup>();
        services.AddScoped<Common.Quotas.AccountQuotas>();
        return services;
    }
}
