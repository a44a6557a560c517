using System.Net;
using KeyBox.Application.Common.Interfaces;
using KeyBox.Application.RateLimiting;
using KeyBox.Domain.ApiKeys;
using KeyBox.Domain.Settings;
using KeyBox.WebApi.Http.Security;
using Microsoft.Extensions.Options;

namespace KeyBox.WebApi.Http.RateLimiting;

public static class RateLimitingMiddlewareExtensions
{
    /// <summary>
    /// Rate limits, before authentication so that floods are refused cheaply: the per-minute runtime setting on
    /// <c>/api/external/*</c> and the LicenseBox legacy routes (every <c>/api/*</c> but <c>/api/internal/*</c> and
    /// <c>/api/health-check</c>), and the KeyBox limit on <c>/validate*</c>.
    /// </summary>
    public static IApplicationBuilder UseKeyBoxRateLimiting(this IApplicationBuilder app) => app.UseMiddleware<RateLimitingMiddleware>();
}

/// <summary>
/// Fixed-window limits keyed per caller. The IP is the connection's remote address (the client-supplied
/// <c>X-API-IP</c> is not trusted for this); the API key is the SHA-256 of the <c>X-API-KEY</c>/<c>LB-API-KEY</c>
/// header, and a request without a key is counted by its IP. Every limited response carries the
/// <c>RateLimit-Limit</c>, <c>RateLimit-Remaining</c>, <c>RateLimit-Reset</c> and <c>RateLimit-Policy</c> headers; a
/// refused one is a 429 with <c>Retry-After</c> and the body fixed by each contract. When the counter store does not
/// answer, requests pass unlimited and without these headers (fail open). The limits and the limiter are
/// Application's (<see cref="FixedWindowRateLimiter"/>), the counters Infrastructure's; this is only the HTTP side.
/// </summary>
internal sealed class RateLimitingMiddleware(
    RequestDelegate next,
    FixedWindowRateLimiter limiter,
    IRuntimeSettings settings,
    IOptions<RateLimitingOptions> options)
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private static readonly byte[] LicenseManagerRefusal =
        """{"status":false,"message":"Rate limit exceeded. Try again later."}"""u8.ToArray();

    private static readonly byte[] KeyBoxRefusal =
        """{"success":false,"message":"Too many requests, please try again later.","error":"RATE_LIMITED"}"""u8.ToArray();

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (IsLicenseManagerRoute(path))
        {
            var current = settings.Current;
            var decision = await limiter.AcquireAsync(
                "api:" + Partition(context, current.RateLimitMethod), current.RequestsPerMinute, Minute, context.RequestAborted);
            if (await RefusedAsync(context, decision, LicenseManagerRefusal))
            {
                return;
            }
        }
        else if (path.StartsWithSegments("/validate", StringComparison.OrdinalIgnoreCase) && options.Value.Validate is { Enabled: true } validate)
        {
            var decision = await limiter.AcquireAsync(
                "validate:ip:" + RemoteIp(context), validate.PermitLimit, TimeSpan.FromSeconds(validate.WindowSeconds), context.RequestAborted);
            if (await RefusedAsync(context, decision, KeyBoxRefusal))
            {
                return;
            }
        }

        await next(context);
    }

    public static bool IsLicenseManagerRoute(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        && !path.StartsWithSegments("/api/internal", StringComparison.OrdinalIgnoreCase)
        && !path.StartsWithSegments("/api/health-check", StringComparison.OrdinalIgnoreCase);

    private static string Partition(HttpContext context, RateLimitMethod method)
    {
        var key = ClientHeaders.ApiKey(context.Request);
        if (method == RateLimitMethod.IpAddress)
        {
            return "ip:" + RemoteIp(context);
        }

        if (string.IsNullOrEmpty(key))
        {
            return "anonymous:" + RemoteIp(context);
        }

        var keyHash = ApiKey.Hash(key);
        return method == RateLimitMethod.ApiKey ? "key:" + keyHash : "key:" + keyHash + ":ip:" + RemoteIp(context);
    }

    private static string RemoteIp(HttpContext context) => context.Connection.RemoteIpAddress switch
    {
        null => "unknown",
        { IsIPv4MappedToIPv6: true } mapped => mapped.MapToIPv4().ToString(),
        IPAddress address => address.ToString(),
    };

    /// <summary>Adds the headers; writes the 429 and returns true when the request is over the limit.</summary>
    private static async Task<bool> RefusedAsync(HttpContext context, RateLimitDecision? decision, byte[] refusal)
    {
        if (decision is null)
        {
            return false;
        }

        if (decision.Allowed)
        {
            // On starting, so that the headers survive an exception handler clearing the response.
            context.Response.OnStarting(() =>
            {
                AddHeaders(context.Response.Headers, decision);
                return Task.CompletedTask;
            });
            return false;
        }

        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        AddHeaders(context.Response.Headers, decision);
        context.Response.Headers.RetryAfter = decision.ResetSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = refusal.Length;
        await context.Response.Body.WriteAsync(refusal, context.RequestAborted);
        return true;
    }

    private static void AddHeaders(IHeaderDictionary headers, RateLimitDecision decision)
    {
        headers["RateLimit-Limit"] = decision.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        headers["RateLimit-Remaining"] = decision.Remaining.ToString(System.Globalization.CultureInfo.InvariantCulture);
        headers["RateLimit-Reset"] = decision.ResetSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        headers["RateLimit-Policy"] = decision.Policy;
    }
}
