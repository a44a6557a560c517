using KeyBox.Application;
using KeyBox.Infrastructure;
using KeyBox.Infrastructure.Persistence;
using KeyBox.WebApi;
using KeyBox.WebApi.Http;
using KeyBox.WebApi.Cli;
using KeyBox.WebApi.Http.Errors;
using KeyBox.WebApi.OpenApi;
using KeyBox.WebApi.Http.RateLimiting;
using KeyBox.WebApi.Http.Security;
using KeyBox.WebApi.Http.Signing;
using KeyBox.WebUI;
using Microsoft.Extensions.Options;

NJsonSchemaAssemblyRedirect.Install();

var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrEmpty(builder.Configuration["urls"]) && !builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
{
    // The documented default address; --urls, ASPNETCORE_URLS or Kestrel:Endpoints override it.
    builder.WebHost.UseUrls("http://localhost:3000");
}

builder.Services
    .AddApplication()
    .AddInfrastructure(builder.Configuration)
    .AddWebApi(builder.Configuration)
    .AddTrustedProxies(builder.Configuration);
builder.AddKeyBoxConsole();

var app = builder.Build();

if (OperatorCommands.IsCommand(args))
{
    return await OperatorCommands.RunAsync(app, args);
}

if (app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.InitialiseOnStartup)
{
    await using var scope = app.Services.CreateAsyncScope();
    try
    {
        await scope.ServiceProvider.GetRequiredService<KeyBoxInitialiser>().InitialiseAsync(CancellationToken.None);
    }
    catch (IncompatibleDatabaseException ex)
    {
        await Console.Error.WriteLineAsync("==> ERROR: " + ex.Message);
        return 1;
    }
}

app.UseTrustedProxies();
app.UseCorrelationId();
app.UseSecurityHeaders();
app.UseResponseSignatures();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseKeyBoxConsole();
app.UseCors(KeyBox.WebApi.DependencyInjection.CorsPolicy);
app.UseKeyBoxRateLimiting();
app.UseOpenApi(settings =>
{
    settings.Path = "/swagger/{documentName}/swagger.json";
    // No absolute server URL: the document is the same wherever it is served (and checked in as src/Client/openapi.json).
    settings.PostProcess = (document, _) => document.Servers.Clear();
});
if (app.Configuration.GetValue<bool?>("OpenApi:UiEnabled") ?? app.Environment.IsDevelopment())
{
    app.UseSwaggerUi(settings =>
    {
        settings.Path = "/swagger";
        settings.DocumentPath = "/swagger/{documentName}/swagger.json";
    });
}

app.UseAuthentication();
app.UseAuthorization();

app.MapControllers();
app.MapHealthChecks("/health/ready", ReadinessResponse.Options);

await app.RunAsync();
return 0;

/// <summary>Exposed for the integration tests' WebApplicationFactory.</summary>
public partial class Program;
