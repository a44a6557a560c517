using KeyBox.WebApi.Http.Errors;
using Microsoft.AspNetCore.Authorization;
using NJsonSchema;
using NSwag;
using NSwag.Generation.AspNetCore;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;

namespace KeyBox.WebApi.OpenApi;

/// <summary>
/// Declares the client context headers (<c>X-API-URL</c>, <c>X-API-IP</c>, <c>X-API-LANGUAGE</c>) as optional header
/// parameters of every authorised operation of the external API and the LicenseBox legacy routes, where client
/// installations call. The API key itself is a security scheme, not a parameter.
/// </summary>
internal sealed class ClientContextHeadersProcessor : IOperationProcessor
{
    private static readonly (string Name, string Description)[] Headers =
    [
        ("X-API-URL", "The URL of the calling installation (LicenseBox clients: LB-URL); its host is the activation's domain. 403 when it is not an absolute http(s) URL."),
        ("X-API-IP", "The IP address of the calling installation (LicenseBox clients: LB-IP); when absent, the connection's remote address. 403 when it is not an IP address."),
        ("X-API-LANGUAGE", "The installation's language, e.g. en or english (LicenseBox clients: LB-LANG)."),
    ];

    public bool Process(OperationProcessorContext context)
    {
        if (context is not AspNetCoreOperationProcessorContext aspNet)
        {
            return true;
        }

        var metadata = aspNet.ApiDescription.ActionDescriptor.EndpointMetadata;
        var surface = SurfaceResolver.Of(new PathString("/" + aspNet.ApiDescription.RelativePath));
        if (surface is not (Surface.External or Surface.Legacy) || metadata.OfType<IAllowAnonymous>().Any() || !metadata.OfType<IAuthorizeData>().Any())
        {
            return true;
        }

        var parameters = context.OperationDescription.Operation.Parameters;
        var position = parameters.Count == 0 ? 0 : parameters.Max(p => p.Position ?? 0);
        foreach (var (name, description) in Headers)
        {
            if (parameters.Any(p => p.Kind == OpenApiParameterKind.Header && string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            parameters.Add(new OpenApiParameter
            {
                Name = name,
                Kind = OpenApiParameterKind.Header,
                IsRequired = false,
                Description = description,
                Schema = new JsonSchema { Type = JsonObjectType.String },
                Position = ++position,
            });
        }

        return true;
    }
}
