using Microsoft.Net.Http.Headers;

namespace KeyBox.WebApi.Http.Security;

/// <summary>
/// Security headers on every response, errors and refusals included (they are added when the response starts, so
/// that an exception handler clearing the response does not lose them):
/// <c>X-Content-Type-Options: nosniff</c>, <c>Referrer-Policy: no-referrer</c>, a frame policy
/// (<c>X-Frame-Options: DENY</c> and <c>Content-Security-Policy: frame-ancestors 'none'</c>), and
/// <c>Cache-Control: no-store</c> on every API answer — logins, new API keys, webhook secrets and license tokens among
/// them — except the public OpenAPI document and UI (<c>/swagger</c>), which may be cached, and file downloads, which
/// are <c>private</c> (the client may keep and resume them; no shared cache may). A Cache-Control an action set itself is kept.
/// </summary>
public static class SecurityHeaders
{
    public const string NoStore = "no-store";
    public const string PrivateFile = "private";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(static state =>
        {
            var context = (HttpContext)state;
            var headers = context.Response.Headers;
            headers[HeaderNames.XContentTypeOptions] = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers[HeaderNames.XFrameOptions] = "DENY";
            if (!headers.ContainsKey(HeaderNames.ContentSecurityPolicy))
            {
                headers[HeaderNames.ContentSecurityPolicy] = "frame-ancestors 'none'";
            }

            if (!headers.ContainsKey(HeaderNames.CacheControl) && CacheControlOf(context) is { } cacheControl)
            {
                headers[HeaderNames.CacheControl] = cacheControl;
            }

            return Task.CompletedTask;
        }, context);
        return next(context);
    });

    private static string? CacheControlOf(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/swagger", StringComparison.OrdinalIgnoreCase))
        {
            return null; // the public API description
        }

        // A file (or a file's "not modified" / range answer); every JSON answer, and an empty one, is not to be stored.
        var contentType = context.Response.ContentType;
        var isFile = context.Response.StatusCode == StatusCodes.Status304NotModified
            || (contentType is not null && !contentType.Contains("json", StringComparison.OrdinalIgnoreCase));
        return isFile ? PrivateFile : NoStore;
    }
}
