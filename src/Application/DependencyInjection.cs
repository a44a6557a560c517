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
    /// <summary>Validators (stateless: singletons, built once). Mediator itself is registered by the host (source generation); the mappers are source-generated static classes and need no registration.</summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<FixedWindowRateLimiter>();

        services.AddScoped<IDownloadEntitlement, Licenses.LicenseDownloadEntitlement>();
        services.AddScoped<IDomainEventHandler<LicenseEvent>, LicenseWebhookEventHandler>();
        services.AddScoped<ActivationLocator>();
        services.AddScoped<Common.Quotas.AccountQuotas>();
        services.AddScoped<Audit.AuditTrail>();
        return services;
    }
}
