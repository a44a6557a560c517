using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace KeyBox.WebApi.Http;

/// <summary>
/// <c>X-Forwarded-For</c> / <c>X-Forwarded-Proto</c> are honoured only from the proxies the operator lists in
/// <c>ForwardedHeaders:KnownProxies</c> (IPs) and <c>ForwardedHeaders:KnownNetworks</c> (CIDR); nothing is trusted
/// by default, not even loopback, so a client cannot choose the IP that rate limits and allow-lists see.
/// </summary>
public static class TrustedProxies
{
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [];
        var networks = configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [];
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return services;
    }

    /// <summary>
    /// Adds the forwarded-headers middleware only when proxies are configured: with empty lists the framework's
    /// middleware would trust every sender.
    /// </summary>
    public static IApplicationBuilder UseTrustedProxies(this WebApplication app)
    {
        var configured = app.Configuration.GetSection("ForwardedHeaders:KnownProxies").GetChildren().Any()
            || app.Configuration.GetSection("ForwardedHeaders:KnownNetworks").GetChildren().Any();
        return configured ? app.UseForwardedHeaders() : app;
    }
}
