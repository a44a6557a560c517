using KeyBox.WebApi.Http.Errors;
using KeyBox.WebApi.Http.Security;
using Microsoft.AspNetCore.Authorization;
using NSwag;
using NSwag.Generation.AspNetCore;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;

namespace KeyBox.WebApi.OpenApi;

/// <summary>
/// Declares each authorised operation's credentials by surface: the internal API takes an API key or a bearer
/// token (alternatives), the KeyBox root routes a bearer token, the external and legacy routes an API key.
/// </summary>
internal sealed class SurfaceSecurityProcessor : IOperationProcessor
{
    public bool Process(OperationProcessorContext context)
    {
        if (context is not AspNetCoreOperationProcessorContext aspNet)
        {
            return true;
        }

        var metadata = aspNet.ApiDescription.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAllowAnonymous>().Any() || !metadata.OfType<IAuthorizeData>().Any())
        {
            return true;
        }

        string[] schemes = SurfaceResolver.Of(new PathString("/" + aspNet.ApiDescription.RelativePath)) switch
        {
            Surface.Internal => [ApiKeyAuthenticationHandler.SchemeName, KeyBoxAuthentication.BearerScheme],
            Surface.KeyBox => [KeyBoxAuthentication.BearerScheme],
            _ => [ApiKeyAuthenticationHandler.SchemeName],
        };

        var operation = context.OperationDescription.Operation;
        operation.Security ??= [];
        foreach (var scheme in schemes)
        {
            operation.Security.Add(new OpenApiSecurityRequirement { [scheme] = [] });
        }

        return true;
    }
}
