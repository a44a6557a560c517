using System.Buffers.Text;
using KeyBox.Application.Signing.Commands.RotateSigningKey;
using KeyBox.WebApi.Contracts.Internal;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace KeyBox.WebApi.Controllers.Internal;

/// <summary>The new current signing key after a rotation.</summary>
public sealed record SigningKeyResource(string Kid, string X, DateTimeOffset CreatedAt);

[Route("api/internal/signing-keys")]
[Tags("Internal: signing keys")]
public sealed class SigningKeysController(IMediator mediator) : InternalApiController(mediator)
{
    /// <summary>
    /// ADMIN only: a new Ed25519 key signs license files and responses from now on (on every process within
    /// Signing:RefreshSeconds); the old key stays in /.well-known/jwks.json for Signing:LicenseFileTtlDays, as long as
    /// files it signed can be valid.
    /// </summary>
    [HttpPost("rotate", Name = "Internal_RotateSigningKey")]
    [ProducesResponseType<InternalEnvelope<SigningKeyResource>>(StatusCodes.Status200OK)]
    public async Task<InternalEnvelope<SigningKeyResource>> Rotate(CancellationToken cancellationToken)
    {
        var key = await Mediator.Send(new RotateSigningKeyCommand(), cancellationToken);
        return Envelope(new SigningKeyResource(key.KeyId, Base64Url.EncodeToString(key.PublicKey), key.CreatedAt), "Signing key rotated.");
    }
}
