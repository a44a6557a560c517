using KeyBox.Application.Common.Interfaces;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KeyBox.Infrastructure.Secrets;

internal static class SecretsRegistration
{
    /// <summary>The <see cref="ISecretProtector"/> under the master key (loaded, or its file created, on first use: at start-up).</summary>
    public static IServiceCollection AddSecretsAtRest(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SecretsOptions>(configuration.GetSection(SecretsOptions.Section));
        services.AddSingleton<ISecretProtector>(sp => new SecretProtector(MasterKeyLoader.Load(
            sp.GetRequiredService<IOptions<SecretsOptions>>().Value,
            sp.GetRequiredService<IHostEnvironment>().ContentRootPath,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MasterKeyLoader)))));
        services.AddScoped<StoredSecretsEncryptor>();
        return services;
    }
}
