using System.Text.Json;
using System.Text.Json.Serialization;
using Asp.Versioning;
using KeyBox.Application.Common.Behaviours;
using KeyBox.Application.Common.Interfaces;
using KeyBox.WebApi.Infrastructure;
using KeyBox.WebApi.Infrastructure.Errors;
using KeyBox.WebApi.Infrastructure.OpenApi;
using KeyBox.WebApi.Infrastructure.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using NSwag;
using NSwag.Generation.Processors.Security;

namespace KeyBox.WebApi;

public static class DependencyInjection
{
    public const string CorsPolicy = "KeyBoxCors";

    public static IServiceCollection AddWebApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMediator((Mediator.MediatorOptions options) =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.Assemblies = [typeof(KeyBox.Application.DependencyInjection)];
            options.PipelineBehaviors = [typeof(ValidationBehaviour<,>), typeof(LoggingBehaviour<,>)];
        });

        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentActor, HttpCurrentActor>();
        services.AddMemoryCache(o => o.SizeLimit = 100_000);

        services.AddControllers(options => options.SuppressAsyncSuffixInActionNames = false)
            .AddJsonOptions(options => ConfigureJson(options.JsonSerializerOptions))
            .ConfigureApiBehaviorOptions(options => options.InvalidModelStateResponseFactory = InvalidModelStateResponse.Create);
        services.ConfigureHttpJsonOptions(options => ConfigureJson(options.SerializerOptions));

        // Registered before AddProblemDetails so it is the first writer asked: no surface answers problem+json.
        services.AddSingleton<IProblemDetailsWriter, SurfaceProblemDetailsWriter>();
        services.AddProblemDetails();
        services.AddExceptionHandler<SurfaceExceptionHandler>();

        services.AddApiVersioning(options =>
        {
            options.DefaultApiVersion = new ApiVersion(1, 0);
            options.AssumeDefaultVersionWhenUnspecified = true;
            options.ReportApiVersions = true;
            options.ApiVersionReader = ApiVersionReader.Combine(
                new QueryStringApiVersionReader("api-version"),
                new HeaderApiVersionReader("X-Api-Version"));
        }).AddMvc();

        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Internal, policy => policy
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser()
                .RequireClaim(KeyBoxClaims.ApiKeyType, KeyBoxClaims.Internal))
            .AddPolicy(Policies.External, policy => policy
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser());

        var origins = configuration.GetSection("Cors:Origins").Get<string[]>() ?? [];
        services.AddCors(options => options.AddPolicy(CorsPolicy, policy =>
        {
            if (origins.Length == 0 || origins.Contains("*"))
            {
                policy.AllowAnyOrigin();
            }
            else
            {
                policy.WithOrigins(origins);
            }

            policy.WithMethods("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD").AllowAnyHeader()
                .WithExposedHeaders("api-supported-versions", "Content-Disposition", "Content-Length", "X-Correlation-Id", "Retry-After",
                    "Content-Range", "Accept-Ranges", "ETag", "Digest", "X-Checksum-SHA256", "X-File-Size");
        }));

        services.AddOpenApiDocument(settings =>
        {
            settings.DocumentName = "v1";
            settings.Title = "KeyBox API";
            settings.Version = "1.0";
            settings.Description = "Self-hosted software licensing server: the KeyBox API (root routes, camelCase), the external API for client apps (/api/external), the internal admin API (/api/internal) and the LicenseBox legacy routes (/api/...).";
            settings.AddSecurity("ApiKey", [], new OpenApiSecurityScheme
            {
                Type = OpenApiSecuritySchemeType.ApiKey,
                Name = "X-API-KEY",
                In = OpenApiSecurityApiKeyLocation.Header,
                Description = "An internal or external API key (LicenseBox clients may send it as LB-API-KEY).",
            });
            settings.OperationProcessors.Add(new AspNetCoreOperationSecurityScopeProcessor("ApiKey"));
            settings.OperationProcessors.Add(new RouteNameOperationIdProcessor());
        });

        return services;
    }

    public static void ConfigureJson(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = null;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.Converters.Add(new UtcDateTimeOffsetConverter());
    }
}
