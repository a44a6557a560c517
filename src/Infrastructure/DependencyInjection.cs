using KeyBox.Application.Common.Interfaces;
using KeyBox.Application.Common.Models;
using KeyBox.Domain.Accounts;
using KeyBox.Domain.ApiKeys;
using KeyBox.Domain.Customers;
using KeyBox.Domain.Licenses;
using KeyBox.Infrastructure.LicenseData;
using KeyBox.Domain.Common;
using KeyBox.Domain.Products;
using KeyBox.Domain.Versions;
using KeyBox.Application.Licenses.Queries.ListLicenses;
using KeyBox.Infrastructure.ReadModel;
using KeyBox.Infrastructure.Identity;
using KeyBox.Infrastructure.Persistence;
using KeyBox.Infrastructure.Persistence.Repositories;
using KeyBox.Infrastructure.RateLimiting;
using KeyBox.Infrastructure.Secrets;
using KeyBox.Infrastructure.Services;
using KeyBox.Infrastructure.Storage;
using KeyBox.Infrastructure.Webhooks;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KeyBox.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = WithPoolDefaults(configuration.GetConnectionString("KeyBox")
            ?? throw new InvalidOperationException(
                "No database is configured: set ConnectionStrings__KeyBox (./build.sh run starts a private PostgreSQL and sets it for you)."));

        services.Configure<DatabaseOptions>(configuration.GetSection(DatabaseOptions.Section));
        services.Configure<BootstrapOptions>(configuration.GetSection(BootstrapOptions.Section));
        services.Configure<Summaries.SummaryOptions>(configuration.GetSection(Summaries.SummaryOptions.Section));
        services.AddSingleton<Summaries.SummaryCache>();
        services.AddSecretsAtRest(configuration);

        // Contexts are pooled: setting up a new context (its internal services) showed up in every profile of the
        // database paths. Each scope rents one and gives it the scope's actor (owner filters); disposing the scope
        // returns it (change tracker, transaction settings and actor reset).
        services.AddPooledDbContextFactory<KeyBoxDbContext>(
            (sp, options) => options
                .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
                .AddInterceptors(sp.GetRequiredService<CacheInvalidationInterceptor>())
                .UseSecretProtector(sp.GetRequiredService<ISecretProtector>()),
            poolSize: 256);
        services.AddScoped(sp =>
        {
            var context = sp.GetRequiredService<IDbContextFactory<KeyBoxDbContext>>().CreateDbContext();
            context.Actor = sp.GetRequiredService<ICurrentActor>();
            return context;
        });

        // The read cache, kept coherent across processes by LISTEN/NOTIFY (see CacheInvalidationListener), behind the
        // read ports (Application asks those; none of it knows a cache exists). Section ReadCache; the keys of its old
        // name VerifyCache are still read (ReadCache wins) for one release.
        services.Configure<ReadCacheOptions>(o => ReadCacheOptions.Bind(configuration, o));
        services.AddSingleton<ReadCache>();
        services.AddSingleton<IInvalidationFeed>(sp => sp.GetRequiredService<ReadCache>());
        services.AddScoped<IActivationReads, ActivationReads>();
        services.AddScoped<ILicenseReads, LicenseReads>();
        services.AddScoped<ICatalogReads, CatalogReads>();
        services.AddSingleton<WebhookSubscriberCache>();
        services.AddSingleton<AccountStateCache>();
        services.AddScoped<IAccountStates, AccountStates>();
        services.AddSingleton(sp => new CacheInvalidationInterceptor(
            sp.GetRequiredService<ReadCache>(), sp.GetService<IMemoryCache>(), sp.GetRequiredService<WebhookSubscriberCache>(),
            sp.GetRequiredService<AccountStateCache>()));
        services.AddSingleton(new ListenerConnectionFactory(connectionString));
        services.AddHostedService<CacheInvalidationListener>();

        // Data Protection keys (console cookies, antiforgery tokens) in PostgreSQL, under one application name: every
        // process of a deployment, wherever it is installed, decrypts the others' cookies.
        services.AddDataProtection()
            .SetApplicationName("KeyBox")
            .PersistKeysToDbContext<KeyBoxDbContext>();

        services.AddScoped<IUnitOfWork, UnitOfWork>();
        services.AddScoped<DomainEventDispatcher>();
        services.AddScoped<CommitCallbacks>();
        services.AddScoped<AuditCapture>();
        services.AddScoped<IReadStore, ReadStore>();
        services.AddScoped<ILicensePageReader, LicensePageReader>();
        // For paths that usually need no database (the read cache): the context is built only when asked for.
        services.AddScoped(sp => new Lazy<IReadStore>(sp.GetRequiredService<IReadStore>));
        services.AddScoped<IUserRepository, UserRepository>();
        services.AddScoped<IApiKeyRepository, ApiKeyRepository>();
        services.AddScoped<IProductRepository, ProductRepository>();
        services.AddScoped<IVersionRepository, VersionRepository>();
        services.AddScoped<ICustomerRepository, CustomerRepository>();
        services.AddScoped<ILicenseRepository, LicenseRepository>();

        services.Configure<LicenseDataOptions>(configuration.GetSection(LicenseDataOptions.Section));
        services.AddSingleton<LicenseTokenService>();
        services.AddSingleton<ILicenseTokenService>(sp => sp.GetRequiredService<LicenseTokenService>());
        services.Configure<Signing.SigningOptions>(configuration.GetSection(Signing.SigningOptions.Section));
        services.AddSingleton<Signing.LicenseSigner>();
        services.AddSingleton<ILicenseSigner>(sp => sp.GetRequiredService<Signing.LicenseSigner>());
        services.AddHostedService<Signing.SigningKeyRefresher>();
        services.AddSingleton<ActivationVerificationRecorder>();
        services.AddSingleton<IActivationVerificationRecorder>(sp => sp.GetRequiredService<ActivationVerificationRecorder>());
        services.AddHostedService(sp => sp.GetRequiredService<ActivationVerificationRecorder>());
        services.AddScoped<KeyBoxInitialiser>();
        services.AddScoped<ILoginThrottle, LoginThrottleStore>();
        services.AddScoped<IServerSecretStore, ServerSecretStore>();

        services.AddSingleton<IPasswordHasher, PasswordHasher>();
        services.AddSingleton<ApiKeyUsageRecorder>();
        services.AddSingleton<IApiKeyUsageRecorder>(sp => sp.GetRequiredService<ApiKeyUsageRecorder>());
        services.AddHostedService(sp => sp.GetRequiredService<ApiKeyUsageRecorder>());

        services.Configure<UploadOptions>(configuration.GetSection(UploadOptions.Section));
        services.Configure<ListOptions>(configuration.GetSection(ListOptions.Section));
        services.Configure<KeyBox.Application.Common.Quotas.QuotaOptions>(configuration.GetSection(KeyBox.Application.Common.Quotas.QuotaOptions.Section));
        services.Configure<LocalFileStorageOptions>(configuration.GetSection(LocalFileStorageOptions.Section));
        services.AddSingleton<IFileStorage, LocalFileStorage>();
        services.Configure<UsageStatsOptions>(configuration.GetSection(UsageStatsOptions.Section));
        services.AddSingleton<UsageCounter>();
        services.AddSingleton<IUsageCounter>(sp => sp.GetRequiredService<UsageCounter>());
        services.AddHostedService(sp => sp.GetRequiredService<UsageCounter>());
        services.AddSingleton<DownloadRecorder>();
        services.AddSingleton<IDownloadRecorder>(sp => sp.GetRequiredService<DownloadRecorder>());
        services.AddHostedService(sp => sp.GetRequiredService<DownloadRecorder>());

        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        services.AddRuntimeSettingsAndRateLimiting(configuration);
        services.AddWebhooks(configuration);
        return services;
    }

    /// <summary>
    /// Pool settings for a server that opens and returns connections many times per request: no <c>DISCARD ALL</c>
    /// when a connection goes back to the pool (KeyBox keeps no session state on pooled connections; the listener's
    /// connection is unpooled), and statements used repeatedly are prepared automatically. Either can be overridden
    /// in the connection string.
    /// </summary>
    internal static string WithPoolDefaults(string connectionString)
    {
        // The base builder keeps exactly the keys that were written (Npgsql's knows every keyword, set or not).
        var written = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!written.ContainsKey("No Reset On Close") && !written.ContainsKey("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        if (!written.ContainsKey("Max Auto Prepare") && !written.ContainsKey("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 64;
        }

        return builder.ConnectionString;
    }
}
