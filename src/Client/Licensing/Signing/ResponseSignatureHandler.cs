using System.Security.Cryptography;
using System.Text.Json;

namespace KeyBox.Client.Licensing.Signing;

/// <summary>
/// Sends a fresh random <c>KeyBox-Nonce</c> with every request to a signed route (<c>/api/external/license/*</c>,
/// <c>/api/external/update/check|latest</c>, <c>/validate*</c>) and checks the answer's <c>KeyBox-Signature</c>: a
/// signature under the server's keys, over the exact body, echoing that nonce and the request's path. Anything else —
/// no signature, a changed body, a replayed answer, a forged server — throws <see cref="KeyBoxSignatureException"/>
/// before the caller sees the answer. Put it in the <see cref="HttpClient"/> of the clients a
/// <see cref="LicenseSession"/> uses (see <see cref="LicenseSession.CreateVerifiedApi"/>).
/// </summary>
public sealed class ResponseSignatureHandler : DelegatingHandler
{
    /// <summary>The request header carrying the fresh nonce.</summary>
    public const string NonceHeader = "KeyBox-Nonce";

    /// <summary>The response header carrying the signature.</summary>
    public const string SignatureHeader = "KeyBox-Signature";

    private readonly KeyBoxSigningKeys _keys;

    /// <summary>A handler for <see cref="IHttpClientFactory"/> pipelines (set <see cref="DelegatingHandler.InnerHandler"/> otherwise).</summary>
    public ResponseSignatureHandler(KeyBoxSigningKeys keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _keys = keys;
    }

    /// <summary>A handler that sends through <paramref name="innerHandler"/>.</summary>
    public ResponseSignatureHandler(KeyBoxSigningKeys keys, HttpMessageHandler innerHandler)
        : base(innerHandler)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _keys = keys;
    }

    /// <summary>Whether the server signs the answers of <paramref name="path"/>.</summary>
    public static bool IsSigned(string path) =>
        path.StartsWith("/api/external/license/", StringComparison.OrdinalIgnoreCase)
        || path.Equals("/api/external/update/check", StringComparison.OrdinalIgnoreCase)
        || path.Equals("/api/external/update/latest", StringComparison.OrdinalIgnoreCase)
        || path.Equals("/validate", StringComparison.OrdinalIgnoreCase)
        || path.StartsWith("/validate/", StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = request.RequestUri?.AbsolutePath ?? string.Empty;
        if (!IsSigned(path))
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var nonce = Base64Url.Encode(RandomNumberGenerator.GetBytes(24));
        request.Headers.Remove(NonceHeader);
        request.Headers.TryAddWithoutValidation(NonceHeader, nonce);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            await VerifyAsync(response, nonce, path, cancellationToken).ConfigureAwait(false);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private async Task VerifyAsync(HttpResponseMessage response, string nonce, string path, CancellationToken cancellationToken)
    {
        if (!response.Headers.TryGetValues(SignatureHeader, out var values) || values.SingleOrDefault() is not { } signature)
        {
            throw new KeyBoxSignatureException($"The answer to {path} carries no {SignatureHeader}: it did not come from the KeyBox server.");
        }

        // Buffer the (small JSON) body so that the caller can still read it.
        await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var claims = await _keys.VerifyAsync(signature, cancellationToken).ConfigureAwait(false);
        if (String(claims, "sha256") != Base64Url.Encode(SHA256.HashData(body)))
        {
            throw new KeyBoxSignatureException($"The answer to {path} is not the body the server signed.");
        }

        if (String(claims, "nonce") != nonce)
        {
            throw new KeyBoxSignatureException($"The answer to {path} does not echo this request's nonce: a replayed answer.");
        }

        if (!string.Equals(String(claims, "path"), path, StringComparison.OrdinalIgnoreCase))
        {
            throw new KeyBoxSignatureException($"The answer to {path} was signed for another route.");
        }
    }

    private static string? String(JsonElement claims, string name) =>
        claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
