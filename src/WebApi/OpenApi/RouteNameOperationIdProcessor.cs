using NSwag.Generation.AspNetCore;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;

namespace KeyBox.WebApi.OpenApi;

/// <summary>
/// Uses each action's route name (e.g. <c>Internal_CreateProduct</c>) as its operationId: unique across surfaces
/// whose controllers share names, and stable for generated clients.
/// </summary>
internal sealed class RouteNameOperationIdProcessor : IOperationProcessor
{
    public bool Process(OperationProcessorContext context)
    {
        if (context is AspNetCoreOperationProcessorContext aspNet
            && aspNet.ApiDescription.ActionDescriptor.AttributeRouteInfo?.Name is { Length: > 0 } name)
        {
            context.OperationDescription.Operation.OperationId = name;
        }

        return true;
    }
}
