using AutoMapper;
using KeyBox.Domain.ApiKeys;

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

public sealed class ApiKeyMappingProfile : Profile
{
    public ApiKeyMappingProfile() => CreateMap<ApiKey, ApiKeyDto>();
}
