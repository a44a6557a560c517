namespace KeyBox.Application.Common.Interfaces;

/// <summary>
/// The terms a license file states (its <c>license</c> claim). <see cref="Machine"/> is the activation's machine id
/// (for offline activations: the fingerprint), or null for an activation bound to a domain only.
/// </summary>
public sealed record LicenseFileTerms(
    string LicenseCode,
    string ProductId,
    string Type,
    string Status,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? UpdatesUntil,
    int ParallelUses,
    IReadOnlyList<string> Entitlements,
    IReadOnlyList<string> Domains,
    string? Machine);

/// <summary>A license file the server issued and whose signature holds: who signed it and what it states.</summary>
public sealed record LicenseFileClaims(
    string KeyId,
    string Issuer,
    string Subject,
    DateTimeOffset IssuedAt,
    DateTimeOffset NotBefore,
    DateTimeOffset ExpiresAt,
    string Id,
    LicenseFileTerms License);

/// <summary>A public signing key as published in the JWKS.</summary>
public sealed record PublicSigningKey(string KeyId, byte[] PublicKey, DateTimeOffset CreatedAt, DateTimeOffset? RetiredAt, DateTimeOffset? PublishedUntil)
{
    public bool IsCurrent => RetiredAt is null;
}

/// <summary>
/// The server's Ed25519 signing keys (the private keys never leave the implementation): license files (JWT, EdDSA),
/// response signatures (the <c>KeyBox-Signature</c> header), the published public keys (JWKS) and rotation.
/// </summary>
public interface ILicenseSigner
{
    /// <summary>
    /// A license file for <paramref name="terms"/>, signed with the current key: valid from <paramref name="now"/> for
    /// <c>Signing:LicenseFileTtlDays</c>, never beyond the license's expiry.
    /// </summary>
    string IssueLicenseFile(LicenseFileTerms terms, DateTimeOffset now);

    /// <summary>
    /// Reads a license file: compact JWS, <c>alg</c> EdDSA, a published key's <c>kid</c>, a signature that holds, this
    /// server's issuer. Anything else is a <see cref="Domain.Common.DomainException"/> <c>LICENSE_FILE_INVALID</c>.
    /// The expiry is not checked here (the caller decides).
    /// </summary>
    ValueTask<LicenseFileClaims> ReadLicenseFileAsync(string licenseFile, CancellationToken cancellationToken);

    /// <summary>
    /// The <c>KeyBox-Signature</c> of a response: a compact JWS over its body's SHA-256, the nonce, the path and the time;
    /// null when this process has no key ring (started with <c>Database:InitialiseOnStartup=false</c>).
    /// </summary>
    string? SignResponse(ReadOnlySpan<byte> body, string? nonce, string path, DateTimeOffset now);

    /// <summary>The keys a verifier may meet: the current one first, then the retired ones whose files may still be valid.</summary>
    ValueTask<IReadOnlyList<PublicSigningKey>> GetPublishedKeysAsync(CancellationToken cancellationToken);

    /// <summary>Retires the current key (published until the files it signed have expired) and makes a new one current, for every process.</summary>
    ValueTask<PublicSigningKey> RotateAsync(CancellationToken cancellationToken);
}
