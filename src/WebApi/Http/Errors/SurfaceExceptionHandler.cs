using System.Globalization;
using System.Text.Json;
using KeyBox.Application.Common.Exceptions;
using KeyBox.Domain.Common;
using KeyBox.Infrastructure.Persistence;
using Microsoft.AspNetCore.Diagnostics;

namespace KeyBox.WebApi.Http.Errors;

/// <summary>Turns every exception that escapes a request into its surface's envelope. Nothing else catches.</summary>
public sealed class SurfaceExceptionHandler(ILogger<SurfaceExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var error = Translate(httpContext, exception);
        if (httpContext.Response.HasStarted)
        {
            logger.LogWarning(exception, "The response had started when {Exception} was thrown", exception.GetType().Name);
            return true;
        }

        if (exception is RateLimitedException limited)
        {
            httpContext.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(limited.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        await ErrorEnvelopes.WriteAsync(httpContext, error);
        return true;
    }

    private ApiError Translate(HttpContext context, Exception exception)
    {
        switch (exception)
        {
            case DomainException domain:
                return ApiError.FromCode(domain.Code, domain.Message, domain.Field);
            case RateLimitedException limited:
                return new ApiError(StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited, limited.Message);
            case ValidationException validation:
                return new ApiError(StatusCodes.Status422UnprocessableEntity, ErrorCodes.ValidationFailed, validation.Message, validation.Errors);
            case BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }:
                return new ApiError(StatusCodes.Status413PayloadTooLarge, "PAYLOAD_TOO_LARGE", "The request body is too large.");
            case BadHttpRequestException bad:
                return new ApiError(bad.StatusCode, "BAD_REQUEST", bad.Message);
            case JsonException:
                return new ApiError(StatusCodes.Status400BadRequest, "MALFORMED_JSON", "The request body is not valid JSON.");
            case var _ when StoreErrors.IsUnstorableText(exception):
                return new ApiError(StatusCodes.Status422UnprocessableEntity, ErrorCodes.ValidationFailed,
                    "The request contains a character that cannot be stored or searched for (U+0000).");
            case OperationCanceledException when context.RequestAborted.IsCancellationRequested:
                return new ApiError(499, "CLIENT_CLOSED_REQUEST", "The client closed the request.");
            default:
                var correlationId = CorrelationId.Of(context);
                logger.LogError(exception, "Unhandled exception for {Method} {Path} (correlation id {CorrelationId})",
                    context.Request.Method, context.Request.Path, correlationId);
                return new ApiError(StatusCodes.Status500InternalServerError, "SERVER_ERROR",
                    $"An unexpected error occurred. Quote correlation id {correlationId} when reporting it.");
        }
    }
}
