using System.Security.Cryptography;
using System.Text;
using KeyBox.Domain.Common;

namespace KeyBox.Domain.ApiKeys;

public enum ApiKeyType
{
    Internal,
    External,
}

/// <summary>
/// A credential for the internal or external API. Only a SHA-256 hash of the key is kept; the plain key
/// exists once, in <see cref="ApiKeyCreation.PlainKey"/>, when the key is issued.
/// </summary>
public sealed class ApiKey : Entity, IAggregateRoot
{
    public const int NameMaxLength = 100;
    public const int PrefixLength = 8;
    private const string KeyPrefix = "kb_";

    private ApiKey()
    {
        Name = string.Empty;
        KeyHash = string.Empty;
        Prefix = string.Empty;
    }

    private ApiKey(string name, ApiKeyType type, string plainKey, Guid ownerId, DateTimeOffset? expiresAt, DateTimeOffset now)
    {
        Name = Guard.Required(name, "Name", NameMaxLength);
        Type = type;
        KeyHash = Hash(plainKey);
        Prefix = plainKey[..Math.Min(PrefixLength, plainKey.Length)];
        OwnerId = ownerId;
        if (expiresAt is { } expiry && expiry <= now)
        {
            throw new DomainException(ErrorCodes.ValidationFailed, "The expiry must be in the future.", "ExpiresAt");
        }

        ExpiresAt = expiresAt;
        CreatedAt = now;
    }

    public string Name { get; private set; }

    public ApiKeyType Type { get; private set; }

    /// <summary>Hex SHA-256 of the plain key. 128+ random bits make a slow hash unnecessary.</summary>
    public string KeyHash { get; private set; }

    /// <summary>The first characters of the key, to recognise it in listings.</summary>
    public string Prefix { get; private set; }

    /// <summary>The account this key acts for.</summary>
    public Guid OwnerId { get; private set; }

    public DateTimeOffset? ExpiresAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public DateTimeOffset? LastUsedAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public bool IsRevoked => RevokedAt is not null;

    public bool IsUsableAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);

    /// <summary>Issues a new random key (192 bits) of the given type.</summary>
    public static ApiKeyCreation Issue(string name, ApiKeyType type, Guid ownerId, DateTimeOffset? expiresAt, DateTimeOffset now) =>
        FromPlainKey(name, type, GeneratePlainKey(), ownerId, expiresAt, now);

    /// <summary>Registers a key whose plain value the operator chose (bootstrap configuration).</summary>
    public static ApiKeyCreation FromPlainKey(string name, ApiKeyType type, string plainKey, Guid ownerId, DateTimeOffset? expiresAt, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(plainKey) || plainKey.Length < 16)
        {
            throw new DomainException(ErrorCodes.ValidationFailed, "An API key must have at least 16 characters.", "Key");
        }

        return new ApiKeyCreation(new ApiKey(name, type, plainKey, ownerId, expiresAt, now), plainKey);
    }

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;

    public static string Hash(string plainKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(plainKey)));

    private static string GeneratePlainKey() =>
        KeyPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
}

/// <summary>A newly issued key together with its plain value, which is never stored.</summary>
public sealed record ApiKeyCreation(ApiKey ApiKey, string PlainKey);
