using Microsoft.Extensions.DependencyInjection;

namespace KeyBox.Client;

/// <summary>Registers the KeyBox clients with <see cref="IHttpClientFactory"/>.</summary>
public static class KeyBoxServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="KeyBoxApi"/> as a typed HTTP client configured by <paramref name="configure"/> (base URL,
    /// credential, client context), with <see cref="KeyBoxClientHandler"/> in its pipeline. Returns the builder to add
    /// more handlers (retries, logging).
    /// </summary>
    public static IHttpClientBuilder AddKeyBoxClient(this IServiceCollection services, Action<KeyBoxClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new KeyBoxClientOptions();
        configure(options);
        return services
            .AddHttpClient<KeyBoxApi>(client => client.BaseAddress = KeyBoxHttpClient.WithTrailingSlash(options.BaseUrl))
            .AddHttpMessageHandler(() => new KeyBoxClientHandler(options));
    }
}
