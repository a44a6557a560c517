using System.Text.Json;

namespace KeyBox.WebApi.Http.Errors;

/// <summary>
/// The one place that shapes a failure into each surface's envelope (CONTRACTS.md):
/// internal <c>{status,message,errors}</c>; external <c>{status,is_active,message,code,data}</c>;
/// LicenseBox legacy <c>{status,message}</c> with HTTP 200 for business failures; KeyBox <c>{success,message,error,errors}</c>.
/// </summary>
public static class ErrorEnvelopes
{
    public static (int Status, Dictionary<string, object?> Body) Build(Surface surface, ApiError error, Endpoint? endpoint = null)
    {
        var body = new Dictionary<string, object?>();
        var status = error.Status;
        switch (surface)
        {
            case Surface.KeyBox:
                if (status == StatusCodes.Status422UnprocessableEntity)
                {
                    status = StatusCodes.Status400BadRequest;
                }

                body["success"] = false;
                body["message"] = error.Message;
                body["error"] = error.Code;
                AddKeyBoxValidity(body, error, endpoint);
                AddErrors(body, error, JsonNamingPolicy.CamelCase, field => KeyBoxFieldNames.Of(field, endpoint));
                break;

            case Surface.Internal:
                body["status"] = false;
                body["message"] = error.Message;
                AddErrors(body, error, JsonNamingPolicy.SnakeCaseLower);
                break;

            case Surface.External:
                body["status"] = false;
                body["is_active"] = false;
                body["message"] = error.Message;
                body["code"] = error.Code;
                foreach (var extra in endpoint?.Metadata.GetOrderedMetadata<NullOnFailureAttribute>() ?? [])
                {
                    body[extra.Field] = null;
                }

                body["data"] = null;
                AddErrors(body, error, JsonNamingPolicy.SnakeCaseLower);
                break;

            case Surface.Legacy:
                body["status"] = false;
                body["message"] = error.Message;
                foreach (var extra in endpoint?.Metadata.GetOrderedMetadata<NullOnFailureAttribute>() ?? [])
                {
                    body[extra.Field] = null;
                }

                body["code"] = error.Code;
                status = LegacyStatus(error, endpoint);
                break;
        }

        return (status, body);
    }

    public static async Task WriteAsync(HttpContext context, ApiError error)
    {
        // The exception handler middleware clears the endpoint before handlers run; its feature keeps the original.
        var endpoint = context.GetEndpoint() ?? context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Endpoint;
        var (status, body) = Build(SurfaceResolver.Of(context), error, endpoint);
        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(body, JsonSerializerOptions.Web, "application/json", context.RequestAborted);
    }

    // The KeyBox SDK routes (/validate*) answer failures in their own words, with "valid" and the license status.
    private static void AddKeyBoxValidity(Dictionary<string, object?> body, ApiError error, Endpoint? endpoint)
    {
        var failures = endpoint?.Metadata.GetOrderedMetadata<KeyBoxFailureAttribute>() ?? [];
        if (failures.Count == 0)
        {
            return;
        }

        var match = failures.FirstOrDefault(f => f.Code == error.Code);
        if (match is not null)
        {
            body["message"] = match.Message;
        }

        body["valid"] = false;
        body["status"] = match?.Status;
    }

    // LicenseBox clients discard every non-200 body, so only authentication and transport failures keep theirs.
    // A body that cannot be read at all (not JSON, not UTF-8, a field of the wrong JSON type) is such a transport
    // failure: LicenseBox clients (PHP json_encode) never send one, so it is a 400, not a 200 business refusal.
    // Actions that answer with a file (LegacyFailureStatus) never answer a failure with 200: the client would save the
    // JSON as the update; what the URL names (version, file) missing stays 404, everything else is the action's status.
    private static int LegacyStatus(ApiError error, Endpoint? endpoint)
    {
        var fileAction = endpoint?.Metadata.GetMetadata<LegacyFailureStatusAttribute>();
        if (error.MalformedBody)
        {
            return StatusCodes.Status400BadRequest;
        }

        if (error.Status is StatusCodes.Status400BadRequest or StatusCodes.Status415UnsupportedMediaType)
        {
            return error.Status;
        }

        if (error.Status is StatusCodes.Status401Unauthorized or StatusCodes.Status404NotFound or StatusCodes.Status405MethodNotAllowed
            or StatusCodes.Status413PayloadTooLarge or StatusCodes.Status429TooManyRequests or >= 500)
        {
            if (error.Status != StatusCodes.Status404NotFound || endpoint is null)
            {
                return error.Status;
            }

            if (fileAction is null)
            {
                return StatusCodes.Status200OK;
            }

            return error.Code is Domain.Common.ErrorCodes.VersionNotFound or Domain.Common.ErrorCodes.FileNotFound
                or Domain.Common.ErrorCodes.AmbiguousVersion or Domain.Common.ErrorCodes.ProductNotFound or Domain.Common.ErrorCodes.NotFound
                ? StatusCodes.Status404NotFound
                : fileAction.Status;
        }

        if (error.Status == StatusCodes.Status403Forbidden && error.Code is Domain.Common.ErrorCodes.Forbidden)
        {
            return error.Status;
        }

        return fileAction?.Status ?? StatusCodes.Status200OK;
    }

    private static void AddErrors(Dictionary<string, object?> body, ApiError error, JsonNamingPolicy policy, Func<string, string?>? wireName = null)
    {
        if (error.Errors is { Count: > 0 } errors)
        {
            // Keys that differ only in their naming (a client sent both product_id and productId) are one wire field.
            body["errors"] = errors
                .GroupBy(e => wireName?.Invoke(e.Key) ?? FieldNames.Convert(e.Key, policy), StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.SelectMany(e => e.Value).Distinct().ToArray(), StringComparer.Ordinal);
        }
    }
}

/// <summary>Adds <c>"field": null</c> to this action's failure envelope (e.g. <c>lic_response</c> on activation).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class NullOnFailureAttribute(string field) : Attribute
{
    public string Field { get; } = field;
}

/// <summary>
/// On a KeyBox action: a failure with <see cref="Code"/> carries <see cref="Message"/> and the KeyBox license
/// <see cref="Status"/>; with any of these on an action, its failures also carry <c>"valid":false</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class KeyBoxFailureAttribute(string code, string message, string status) : Attribute
{
    public string Code { get; } = code;

    public string Message { get; } = message;

    public string Status { get; } = status;
}

/// <summary>
/// The HTTP status of a business failure on this legacy action, which answers with a file rather than JSON
/// (LicenseBox downloads answer 401, "update period ended"). A missing version or file stays 404 there.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class LegacyFailureStatusAttribute(int status) : Attribute
{
    public int Status { get; } = status;
}
