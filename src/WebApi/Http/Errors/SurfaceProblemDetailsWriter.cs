using Microsoft.AspNetCore.Http;
using KeyBox.Domain.Common;

namespace KeyBox.WebApi.Http.Errors;

/// <summary>
/// Framework-generated failures (unknown routes, wrong methods, unsupported API versions) arrive as problem
/// details; this writes them in the surface's envelope instead, so no surface ever answers with another shape.
/// </summary>
public sealed class SurfaceProblemDetailsWriter : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
        var error = ForStatus(status, context.HttpContext.Request.Method, context.ProblemDetails.Detail ?? context.ProblemDetails.Title);
        var (finalStatus, body) = ErrorEnvelopes.Build(SurfaceResolver.Of(context.HttpContext), error, endpoint: null);
        context.HttpContext.Response.StatusCode = finalStatus;
        return new ValueTask(context.HttpContext.Response.WriteAsJsonAsync(body, System.Text.Json.JsonSerializerOptions.Web, "application/json"));
    }

    /// <summary>The failure a bare status stands for (framework answers: unknown route, wrong method, content type, ...).</summary>
    public static ApiError ForStatus(int status, string method, string? detail)
    {
        var (code, message) = status switch
        {
            StatusCodes.Status404NotFound => (ErrorCodes.NotFound, "The requested route does not exist."),
            StatusCodes.Status405MethodNotAllowed => ("METHOD_NOT_ALLOWED", $"The method {method} is not allowed on this route."),
            StatusCodes.Status415UnsupportedMediaType => ("UNSUPPORTED_MEDIA_TYPE", "The request's content type is not supported; send application/json."),
            StatusCodes.Status401Unauthorized => (ErrorCodes.Unauthorized, "Authentication is required."),
            StatusCodes.Status403Forbidden => (ErrorCodes.Forbidden, "You may not call this route."),
            _ => ("BAD_REQUEST", detail ?? "The request could not be processed."),
        };

        // Asp.Versioning reports unsupported versions with a detail worth passing on.
        if (status == StatusCodes.Status400BadRequest && detail is not null)
        {
            message = detail;
        }

        return new ApiError(status, code, message);
    }
}
