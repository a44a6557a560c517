using KeyBox.Application.ApiKeys;
using KeyBox.Domain.ApiKeys;

namespace KeyBox.WebApi.Contracts.Internal;

public sealed record CreateApiKeyRequest(string? Name, ApiKeyType? Type, DateTimeOffset? ExpiresAt);

public sealed record ApiKeyResource(
    Guid Id,
    string Name,
    ApiKeyType Type,
    string Prefix,
    DateTimeOffset? ExpiresAt,
    bool IsRevoked,
    DateTimeOffset? RevokedAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset CreatedAt)
{
    public static ApiKeyResource From(ApiKeyDto k) =>
        new(k.Id, k.Name, k.Type, k.Prefix, k.ExpiresAt, k.RevokedAt is not null, k.RevokedAt, k.LastUsedAt, k.CreatedAt);
}

/// <summary>A key as created: the only response that ever carries the plain <c>key</c>.</summary>
public sealed record CreatedApiKeyResource(
    Guid Id,
    string Name,
    ApiKeyType Type,
    string Prefix,
    DateTimeOffset? ExpiresAt,
    bool IsRevoked,
    DateTimeOffset CreatedAt,
    string Key)
{
    public static CreatedApiKeyResource From(IssuedApiKeyDto issued) =>
        new(issued.ApiKey.Id, issued.ApiKey.Name, issued.ApiKey.Type, issued.ApiKey.Prefix, issued.ApiKey.ExpiresAt, false, issued.ApiKey.CreatedAt, issued.PlainKey);
}
