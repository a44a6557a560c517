using System.Globalization;
using KeyBox.Application.Common.Interfaces;
using KeyBox.Application.RateLimiting;
using KeyBox.WebApi.Contracts.Internal;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;

namespace KeyBox.WebApi.Http.RateLimiting;

/// <summary>
/// The internal API's per-account limit (<c>RateLimiting:Internal:PermitLimit</c> requests per
/// <c>RateLimiting:Internal:WindowSeconds</c>, default 3000 per 60 s), counted per account once the caller is
/// authenticated — a bearer token and the account's internal API keys share one counter, across processes when Redis
/// is configured. Over the limit: 429 in the internal envelope with <c>Retry-After</c> and the <c>RateLimit-*</c>
/// headers. Fails open when the counter store does not answer.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class InternalRateLimitAttribute : Attribute, IAsyncResourceFilter
{
    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        var services = context.HttpContext.RequestServices;
        var limit = services.GetRequiredService<IOptions<RateLimitingOptions>>().Value.Internal;
        var account = services.GetRequiredService<ICurrentActor>().UserId;
        if (!limit.Enabled || account is null)
        {
            await next();
            return;
        }

        var decision = await services.GetRequiredService<FixedWindowRateLimiter>().AcquireAsync(
            "internal:account:" + account.Value.ToString("N"), limit.PermitLimit, TimeSpan.FromSeconds(limit.WindowSeconds), context.HttpContext.RequestAborted);
        if (decision is null)
        {
            await next();
            return;
        }

        var headers = context.HttpContext.Response.Headers;
        headers["RateLimit-Limit"] = decision.Limit.ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Remaining"] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Reset"] = decision.ResetSeconds.ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Policy"] = decision.Policy;
        if (decision.Allowed)
        {
            await next();
            return;
        }

        headers.RetryAfter = decision.ResetSeconds.ToString(CultureInfo.InvariantCulture);
        context.Result = new ObjectResult(new InternalError(false, "Too many requests for this account. Try again later.", null))
        {
            StatusCode = StatusCodes.Status429TooManyRequests,
        };
    }
}
