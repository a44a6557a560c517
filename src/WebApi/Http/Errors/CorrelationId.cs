namespace KeyBox.WebApi.Http.Errors;

/// <summary>Gives every request a correlation id (the caller's <c>X-Correlation-Id</c> or a new one), echoed in the response and logs.</summary>
public static class CorrelationId
{
    public const string Header = "X-Correlation-Id";

    public static string Of(HttpContext context) => context.TraceIdentifier;

    public static IApplicationBuilder UseCorrelationId(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.Headers.TryGetValue(Header, out var supplied) && supplied.ToString() is { Length: > 0 and <= 64 } id
            && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            context.TraceIdentifier = id;
        }

        context.Response.Headers[Header] = context.TraceIdentifier;
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("KeyBox.Requests");
        using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = context.TraceIdentifier }))
        {
            await next(context);
        }
    });
}
