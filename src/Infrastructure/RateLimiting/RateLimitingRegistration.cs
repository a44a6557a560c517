using KeyBox.Application.Common.Interfaces;
using KeyBox.Application.RateLimiting;
using KeyBox.Domain.Settings;
using KeyBox.Infrastructure.Persistence.Repositories;
using KeyBox.Infrastructure.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KeyBox.Infrastructure.RateLimiting;

internal static class RateLimitingRegistration
{
    /// <summary>Runtime settings (polled from the database) and the rate-limit counters: Redis when <c>ConnectionStrings:Redis</c> is set, else in memory.</summary>
    public static IServiceCollection AddRuntimeSettingsAndRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RateLimitingOptions>(configuration.GetSection(RateLimitingOptions.Section));
        services.AddScoped<IServerSettingsRepository, ServerSettingsRepository>();
        services.AddSingleton<RuntimeSettings>();
        services.AddSingleton<IRuntimeSettings>(sp => sp.GetRequiredService<RuntimeSettings>());
        services.AddHostedService(sp => sp.GetRequiredService<RuntimeSettings>());

        var redis = configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(redis))
        {
            services.AddSingleton<InMemoryRateLimitCounterStore>();
            services.AddSingleton<IRateLimitCounterStore>(sp => sp.GetRequiredService<InMemoryRateLimitCounterStore>());
            return services;
        }

        // Parsed now so that a malformed connection string stops the server at start-up, not at the first request.
        _ = StackExchange.Redis.ConfigurationOptions.Parse(redis);
        services.AddSingleton(_ => new RedisConnection(redis));
        services.AddSingleton<IRateLimitCounterStore, RedisRateLimitCounterStore>();
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
        return services;
    }
}
