using KeyBox.Domain.ApiKeys;
using Riok.Mapperly.Abstractions;

namespace KeyBox.Application.ApiKeys;

public sealed record ApiKeyDto(
    Guid Id,
    string Name,
    ApiKeyType Type,
    string Prefix,
    Guid OwnerId,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset CreatedAt);

/// <summary>A key as issued: its description plus the plain key, which is shown this once.</summary>
public sealed record IssuedApiKeyDto(ApiKeyDto ApiKey, string PlainKey);

/// <summary><see cref="ApiKey"/> → <see cref="ApiKeyDto"/> (source-generated; a DTO member the mapping does not fill fails the build).</summary>
[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
public static partial class ApiKeyMapper
{
    public static partial ApiKeyDto ToDto(this ApiKey apiKey);
}
