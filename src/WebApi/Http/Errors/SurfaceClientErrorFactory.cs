using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;

namespace KeyBox.WebApi.Http.Errors;

/// <summary>
/// MVC's own client errors (a body with no or an unsupported Content-Type → 415, a bare <c>NotFound()</c>, ...) in the
/// surface's envelope. MVC's default factory answers these with <c>application/problem+json</c>, which no surface speaks.
/// </summary>
public sealed class SurfaceClientErrorFactory : IClientErrorFactory
{
    public IActionResult GetClientError(ActionContext actionContext, IClientErrorActionResult clientError)
    {
        ArgumentNullException.ThrowIfNull(actionContext);
        ArgumentNullException.ThrowIfNull(clientError);
        var http = actionContext.HttpContext;
        var error = SurfaceProblemDetailsWriter.ForStatus(clientError.StatusCode ?? StatusCodes.Status400BadRequest, http.Request.Method, detail: null);
        var (status, body) = ErrorEnvelopes.Build(SurfaceResolver.Of(http), error, http.GetEndpoint());
        return new ObjectResult(body) { StatusCode = status, ContentTypes = { "application/json" } };
    }
}
