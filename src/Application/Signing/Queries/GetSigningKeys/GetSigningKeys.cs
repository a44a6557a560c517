using KeyBox.Application.Common.Interfaces;
using Mediator;

namespace KeyBox.Application.Signing.Queries.GetSigningKeys;

/// <summary>The public keys a verifier may meet (the JWKS): the current one first. Public by design: no actor check.</summary>
public sealed record GetSigningKeysQuery : IQuery<IReadOnlyList<PublicSigningKey>>;

public sealed class GetSigningKeysQueryHandler(ILicenseSigner signer) : IQueryHandler<GetSigningKeysQuery, IReadOnlyList<PublicSigningKey>>
{
    public ValueTask<IReadOnlyList<PublicSigningKey>> Handle(GetSigningKeysQuery query, CancellationToken cancellationToken) => signer.GetPublishedKeysAsync(cancellationToken);
}
