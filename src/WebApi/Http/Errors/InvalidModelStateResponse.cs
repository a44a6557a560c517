using KeyBox.Domain.Common;
using Microsoft.AspNetCore.Mvc;

namespace KeyBox.WebApi.Http.Errors;

/// <summary>Model binding failures (malformed JSON, wrong JSON types, missing body) in the surface's envelope.</summary>
public static class InvalidModelStateResponse
{
    public static IActionResult Create(ActionContext context)
    {
        var errors = context.ModelState
            .Where(e => e.Value is { Errors.Count: > 0 })
            .ToDictionary(
                e => string.IsNullOrEmpty(e.Key) ? "body" : e.Key,
                e => e.Value!.Errors.Select(Describe).Distinct().ToArray());
        var malformed = errors.Values.SelectMany(v => v).Any(m => m == MalformedValue);
        var message = malformed
            ? "The request body is not valid JSON, or a field has the wrong JSON type."
            : errors.Values.SelectMany(v => v).FirstOrDefault() ?? "The given data was invalid.";
        var error = new ApiError(StatusCodes.Status422UnprocessableEntity, ErrorCodes.ValidationFailed, message, errors) { MalformedBody = malformed };
        var (status, body) = ErrorEnvelopes.Build(SurfaceResolver.Of(context.HttpContext), error, context.HttpContext.GetEndpoint());
        return new ObjectResult(body) { StatusCode = status, ContentTypes = { "application/json" } };
    }

    private const string MalformedValue = "The JSON value is malformed or has the wrong type.";

    // System.Text.Json's own messages name reader internals (byte positions); callers get a plain sentence.
    private static string Describe(Microsoft.AspNetCore.Mvc.ModelBinding.ModelError error)
    {
        if (error.Exception is not null || error.ErrorMessage.Contains("LineNumber", StringComparison.Ordinal)
            || error.ErrorMessage.Contains("JSON", StringComparison.Ordinal))
        {
            return MalformedValue;
        }

        return string.IsNullOrEmpty(error.ErrorMessage) ? "The value is invalid." : error.ErrorMessage;
    }
}
