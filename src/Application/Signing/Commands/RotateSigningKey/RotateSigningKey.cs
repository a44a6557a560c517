using KeyBox.Application.Common.Interfaces;
using KeyBox.Application.Common.Security;
using Mediator;

namespace KeyBox.Application.Signing.Commands.RotateSigningKey;

/// <summary>
/// ADMIN: a new Ed25519 key signs from now on, on every process; the old one stays published in the JWKS for as long as
/// files it signed can be valid (<c>Signing:LicenseFileTtlDays</c>).
/// </summary>
public sealed record RotateSigningKeyCommand : ICommand<PublicSigningKey>, IAdminOnly;

public sealed class RotateSigningKeyCommandHandler(ILicenseSigner signer) : ICommandHandler<RotateSigningKeyCommand, PublicSigningKey>
{
    public ValueTask<PublicSigningKey> Handle(RotateSigningKeyCommand command, CancellationToken cancellationToken) => signer.RotateAsync(cancellationToken);
}
