using KeyBox.Application.Common.Interfaces;
using Microsoft.AspNetCore.Http.Features;

namespace KeyBox.WebApi.Http.Signing;

/// <summary>
/// The <c>KeyBox-Signature</c> header on every response of <c>/api/external/license/*</c>,
/// <c>/api/external/update/check|latest</c> and <c>/validate*</c>, refusals and errors included: a compact JWS (EdDSA,
/// the current key of <c>/.well-known/jwks.json</c>) whose payload is
/// <c>{"sha256":"&lt;base64url SHA-256 of the exact body bytes&gt;","nonce":"&lt;KeyBox-Nonce or null&gt;","path","iat"}</c>.
/// Those answers are small JSON: the body is buffered, hashed and signed, then written with the header.
/// </summary>
public static class ResponseSignatures
{
    public const string SignatureHeader = "KeyBox-Signature";
    public const string NonceHeader = "KeyBox-Nonce";

    /// <summary>The longest nonce echoed; a longer one (or one that is not printable ASCII) is signed as null, which no client accepts.</summary>
    public const int NonceMaxLength = 200;

    public static bool IsSigned(PathString path) =>
        path.StartsWithSegments("/api/external/license", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/api/external/update/check", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/api/external/update/latest", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/validate", StringComparison.OrdinalIgnoreCase);

    /// <summary>Signs the answers of the signed routes, unless <c>Signing:SignResponses</c> is false (a benchmark's "unsigned" figure).</summary>
    public static IApplicationBuilder UseResponseSignatures(this IApplicationBuilder app)
    {
        var configuration = app.ApplicationServices.GetRequiredService<IConfiguration>();
        return configuration.GetValue("Signing:SignResponses", true) ? app.Use(SignAsync) : app;
    }

    private static async Task SignAsync(HttpContext context, RequestDelegate next)
    {
        if (!IsSigned(context.Request.Path))
        {
            await next(context);
            return;
        }

        var response = context.Response;
        var originalBody = response.Body;
        var originalFeature = context.Features.Get<IHttpResponseBodyFeature>();
        using var buffer = new MemoryStream();
        response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            response.Body = originalBody;
            if (originalFeature is not null)
            {
                context.Features.Set(originalFeature);
            }
        }

        var body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (!response.HasStarted)
        {
            var signer = context.RequestServices.GetRequiredService<ILicenseSigner>();
            var clock = context.RequestServices.GetRequiredService<TimeProvider>();
            if (signer.SignResponse(body.Span, NonceOf(context.Request), context.Request.Path.Value ?? "/", clock.GetUtcNow()) is { } signature)
            {
                response.Headers[SignatureHeader] = signature;
            }

            if (response.ContentLength is null || response.ContentLength == body.Length)
            {
                response.ContentLength = body.Length;
            }
        }

        if (body.Length > 0)
        {
            await originalBody.WriteAsync(body, context.RequestAborted);
        }
    }

    private static string? NonceOf(HttpRequest request)
    {
        var values = request.Headers[NonceHeader];
        if (values.Count != 1 || values[0] is not { Length: > 0 and <= NonceMaxLength } nonce)
        {
            return null;
        }

        return nonce.All(c => c is >= ' ' and <= '~') ? nonce : null;
    }
}
