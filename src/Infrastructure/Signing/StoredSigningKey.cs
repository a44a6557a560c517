namespace KeyBox.Infrastructure.Signing;

/// <summary>
/// A row of <c>signing_keys</c>, shared by every server process. <see cref="PrivateKey"/> is the Ed25519 seed encrypted
/// under the master key (purpose <c>signing_keys.private_key:{kid}</c>), never the key itself. The current key is the
/// one row without <see cref="RetiredAt"/>; a retired key is published until <see cref="PublishedUntil"/>.
/// </summary>
internal sealed class StoredSigningKey
{
    private StoredSigningKey()
    {
        Id = string.Empty;
        PublicKey = string.Empty;
        PrivateKey = string.Empty;
    }

    /// <summary>The <c>kid</c>: the key's JWK thumbprint (RFC 7638).</summary>
    public string Id { get; private set; }

    /// <summary>The raw public key, base64url (the JWK's <c>x</c>).</summary>
    public string PublicKey { get; private set; }

    public string PrivateKey { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? RetiredAt { get; private set; }

    public DateTimeOffset? PublishedUntil { get; private set; }
}
