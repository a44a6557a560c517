using System.Text.Json;
using System.Text.Json.Serialization;
using Asp.Versioning;
using KeyBox.Application.Common.Behaviours;
using KeyBox.Application.Common.Interfaces;
using KeyBox.WebApi.Http.Json;
using KeyBox.WebApi.Http.Errors;
using KeyBox.WebApi.OpenApi;
using KeyBox.WebApi.Http.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using NSwag;

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
            options.PipelineBehaviors = [typeof(AuthorizationBehaviour<,>), typeof(ValidationBehaviour<,>), typeof(AuditBehaviour<,>), typeof(LoggingBehaviour<,>), typeof(KeyBox.Infrastructure.Summaries.SummaryCacheBehaviour<,>)];
        });

        // No "Server: Kestrel" on responses: nothing to tell a scanner.
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(options => options.AddServerHeader = false);
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentActor, HttpCurrentActor>();
        services.AddScoped<IRequestOrigin, Http.Audit.HttpRequestOrigin>();
        services.AddScoped<Http.Audit.OperatorSession>();
        services.AddMemoryCache(o => o.SizeLimit = 100_000);

        services.AddControllers(options => options.SuppressAsyncSuffixInActionNames = false)
            .AddJsonOptions(options => ConfigureJson(options.JsonSerializerOptions))
            .ConfigureApiBehaviorOptions(options => options.InvalidModelStateResponseFactory = InvalidModelStateResponse.Create);
        services.ConfigureHttpJsonOptions(options => ConfigureJson(options.SerializerOptions));
        services.Configure<MvcOptions>(options => options.Conventions.Add(new InheritedResponseTypesConvention()));

        // Registered before AddProblemDetails so it is the first writer asked: no surface answers problem+json.
        services.AddSingleton<IProblemDetailsWriter, SurfaceProblemDetailsWriter>();
        services.AddProblemDetails();
        services.AddExceptionHandler<SurfaceExceptionHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Mvc.Infrastructure.IClientErrorFactory, SurfaceClientErrorFactory>();

        services.AddApiVersioning(options =>
        {
            options.DefaultApiVersion = new ApiVersion(1, 0);
            options.AssumeDefaultVersionWhenUnspecified = true;
            options.ReportApiVersions = true;
            options.ApiVersionReader = ApiVersionReader.Combine(
                new QueryStringApiVersionReader("api-version"),
                new HeaderApiVersionReader("X-Api-Version"));
        }).AddMvc();

        services.AddKeyBoxAuthentication(configuration);

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
                    "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "RateLimit-Policy",
                    "Content-Range", "Accept-Ranges", "ETag", "Digest", "X-Checksum-SHA256", "X-File-Size", "KeyBox-Signature");
        }));

        services.AddOpenApiDocument(settings =>
        {
            settings.DocumentName = "v1";
            settings.SchemaSettings.SchemaNameGenerator = new SurfaceSchemaNameGenerator();
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
            settings.AddSecurity(KeyBoxAuthentication.BearerScheme, [], new OpenApiSecurityScheme
            {
                Type = OpenApiSecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "The token from POST /auth/login, as 'Authorization: Bearer <token>' (KeyBox root routes and /api/internal).",
            });
            settings.OperationProcessors.Add(new SurfaceSecurityProcessor());
            settings.OperationProcessors.Add(new RouteNameOperationIdProcessor());
            settings.OperationProcessors.Add(new ClientContextHeadersProcessor());
            settings.OperationProcessors.Add(new FileTransfersProcessor());
            var responseContracts = new ResponseContractsProcessor();
            settings.SchemaSettings.SchemaProcessors.Add(responseContracts);
            settings.DocumentProcessors.Add(responseContracts);
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
