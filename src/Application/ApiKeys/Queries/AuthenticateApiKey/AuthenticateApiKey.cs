using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Accounts;
using KeyBox.Domain.ApiKeys;
using Mediator;

namespace KeyBox.Application.ApiKeys.Queries.AuthenticateApiKey;

public enum ApiKeyCheck
{
    Valid,
    Unknown,
    Revoked,
    Expired,

    /// <summary>The key's account is deactivated (or gone): its keys stop with it.</summary>
    OwnerInactive,
}

/// <summary>The outcome of presenting a plain key: who it acts for when valid.</summary>
public sealed record ApiKeyAuthentication(ApiKeyCheck Check, Guid? KeyId = null, ApiKeyType? Type = null, Guid? OwnerId = null, bool OwnerIsAdmin = false);

public sealed record AuthenticateApiKeyQuery(string PlainKey) : IQuery<ApiKeyAuthentication>;

public sealed class AuthenticateApiKeyQueryHandler(
    IApiKeyRepository apiKeys,
    IUserRepository users,
    IApiKeyUsageRecorder usage,
    TimeProvider clock) : IQueryHandler<AuthenticateApiKeyQuery, ApiKeyAuthentication>
{
    public async ValueTask<ApiKeyAuthentication> Handle(AuthenticateApiKeyQuery query, CancellationToken cancellationToken)
    {
        var apiKey = await apiKeys.GetByHashAsync(ApiKey.Hash(query.PlainKey), cancellationToken);
        var now = clock.GetUtcNow();
        if (apiKey is null)
        {
            return new ApiKeyAuthentication(ApiKeyCheck.Unknown);
        }

        if (apiKey.IsRevoked)
        {
            return new ApiKeyAuthentication(ApiKeyCheck.Revoked);
        }

        if (!apiKey.IsUsableAt(now))
        {
            return new ApiKeyAuthentication(ApiKeyCheck.Expired);
        }

        var owner = await users.GetByIdAsync(apiKey.OwnerId, cancellationToken);
        if (owner is not { IsActive: true })
        {
            return new ApiKeyAuthentication(ApiKeyCheck.OwnerInactive);
        }

        usage.Record(apiKey.Id, now);
        return new ApiKeyAuthentication(ApiKeyCheck.Valid, apiKey.Id, apiKey.Type, apiKey.OwnerId, owner.Role == UserRole.Admin);
    }
}

/// <summary>Where an authentication outcome is cached (by the key's hash), so that invalidations can name it.</summary>
public static class ApiKeyCacheKeys
{
    public static string For(string keyHash) => "apikey:" + keyHash;
}
