using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Asp.Versioning;
using KeyBox.Application.Signing.Queries.GetSigningKeys;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace KeyBox.WebApi.Controllers.System;

/// <summary>A public key as a JWK (RFC 8037): <c>{"kty":"OKP","crv":"Ed25519","x","kid","use":"sig","alg":"EdDSA"}</c>.</summary>
public sealed record JsonWebKeyResource(string Kty, string Crv, string X, string Kid, string Use, string Alg);

public sealed record JsonWebKeySetResource(IReadOnlyList<JsonWebKeyResource> Keys);

[ApiController]
[ApiVersionNeutral]
[Tags("Signed licenses")]
[Produces("application/json")]
public sealed class JwksController(IMediator mediator) : ControllerBase
{
    /// <summary>How long clients and proxies may keep the key set (a verifier meeting an unknown kid fetches it again).</summary>
    public const string CacheControl = "public, max-age=300";

    /// <summary>
    /// The public keys that sign license files and responses (no authentication): the current key first, then rotated-out
    /// keys as long as files they signed can still be valid. Cacheable: Cache-Control and ETag (If-None-Match → 304).
    /// </summary>
    [HttpGet(".well-known/jwks.json", Name = "Jwks_Get")]
    [ProducesResponseType<JsonWebKeySetResource>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    public async Task<IActionResult> Get(CancellationToken cancellationToken)
    {
        var keys = await mediator.Send(new GetSigningKeysQuery(), cancellationToken);
        var set = new JsonWebKeySetResource(keys.Select(k => new JsonWebKeyResource("OKP", "Ed25519", Base64Url.EncodeToString(k.PublicKey), k.KeyId, "sig", "EdDSA")).ToList());
        var etag = "\"" + Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(',', set.Keys.Select(k => k.Kid)))).AsSpan(0, 16)) + "\"";
        Response.Headers[HeaderNames.ETag] = etag;
        Response.Headers[HeaderNames.CacheControl] = CacheControl;
        var ifNoneMatch = Request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch.Any(t => t.Tag == "*" || string.Equals(t.Tag.Value, etag, StringComparison.Ordinal)))
        {
            return StatusCode(StatusCodes.Status304NotModified);
        }

        return Ok(set);
    }
}
