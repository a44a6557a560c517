using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KeyBox.OpenApiExport;

/// <summary>
/// The KeyBox app in an in-memory test host, configured to serve its OpenAPI document without a database: a
/// connection string that is never opened, no start-up initialisation, and none of KeyBox's background services
/// (they poll the database).
/// </summary>
public sealed class DocumentOnlyFactory : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:KeyBox", "Host=localhost;Database=keybox_openapi_export_never_opened");
        builder.UseSetting("Database:InitialiseOnStartup", "false");
        builder.UseSetting("Database:MigrateOnStartup", "false");
        builder.ConfigureLogging(logging => logging.ClearProviders());
        builder.ConfigureServices(services =>
        {
            var keyBoxBackgroundServices = services
                .Where(d => d.ServiceType == typeof(IHostedService) && IsKeyBox(d.ImplementationType ?? d.ImplementationFactory?.Method.DeclaringType))
                .ToList();
            foreach (var descriptor in keyBoxBackgroundServices)
            {
                services.Remove(descriptor);
            }
        });
    }

    private static bool IsKeyBox(Type? type) => type?.Assembly.GetName().Name?.StartsWith("KeyBox.", StringComparison.Ordinal) == true;
}
