using System.Security.Claims;
using System.Text.Encodings.Web;
using KeyBox.Application.ApiKeys.Queries.AuthenticateApiKey;
using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.ApiKeys;
using KeyBox.Domain.Common;
using KeyBox.WebApi.Http.Errors;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace KeyBox.WebApi.Http.Security;

/// <summary>
/// Authenticates <c>X-API-KEY</c> (or LicenseBox's <c>LB-API-KEY</c>). Results are cached for a few seconds
/// so the hot paths do not look the key up on every call. A revocation removes the entry on every process at
/// once (database notification); while notifications are not received the cache is not read. Every request, cached
/// or not, is also checked against the owning account's current state (<see cref="IAccountStates"/>, itself cached and
/// invalidated on every process): a deactivated account's keys are refused at once, and a key acts with its account's
/// current role.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IMediator mediator,
    IMemoryCache cache,
    IInvalidationFeed coherence,
    IAccountStates accounts)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    private const string FailureItem = "keybox.auth.failure";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = ClientHeaders.ApiKey(Request);
        if (string.IsNullOrEmpty(key))
        {
            return AuthenticateResult.NoResult();
        }

        var cacheKey = ApiKeyCacheKeys.For(ApiKey.Hash(key));
        if (!coherence.IsListening || !cache.TryGetValue(cacheKey, out ApiKeyAuthentication? result) || result is null)
        {
            result = await mediator.Send(new AuthenticateApiKeyQuery(key), Context.RequestAborted);
            cache.Set(cacheKey, result, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = CacheFor, Size = 1 });
        }

        // The key acts for its account with the account's current role; a deactivated account's keys stop at once
        // (the account state is invalidated on every process when the account changes, the cached outcome above is not).
        var check = result.Check;
        AccountState? owner = null;
        if (check == ApiKeyCheck.Valid)
        {
            owner = await accounts.GetAsync(result.OwnerId!.Value, Context.RequestAborted);
            if (owner is not { IsActive: true })
            {
                check = ApiKeyCheck.OwnerInactive;
            }
        }

        if (check != ApiKeyCheck.Valid || owner is null)
        {
            var message = check switch
            {
                ApiKeyCheck.Revoked => "The API key has been revoked.",
                ApiKeyCheck.Expired => "The API key has expired.",
                ApiKeyCheck.OwnerInactive => "The API key's account is deactivated.",
                _ => "The API key is invalid.",
            };
            Context.Items[FailureItem] = message;
            return AuthenticateResult.Fail(message);
        }

        var claims = new List<Claim>
        {
            new(KeyBoxClaims.Subject, result.OwnerId!.Value.ToString()),
            new(KeyBoxClaims.ApiKeyId, result.KeyId!.Value.ToString()),
            new(KeyBoxClaims.ApiKeyType, result.Type == ApiKeyType.Internal ? KeyBoxClaims.Internal : KeyBoxClaims.External),
            new(KeyBoxClaims.Role, KeyBoxClaims.RoleOf(owner.Role)),
        };
        var identity = new ClaimsIdentity(claims, SchemeName, KeyBoxClaims.Subject, KeyBoxClaims.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var message = Context.Items[FailureItem] as string ?? "An API key is required: send it in the X-API-KEY header.";
        return ErrorEnvelopes.WriteAsync(Context, new ApiError(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized, message));
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ErrorEnvelopes.WriteAsync(Context, new ApiError(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, "This API key may not call this route: an internal key is required."));
}

public static class KeyBoxClaims
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string ApiKeyId = "kb_key_id";
    public const string ApiKeyType = "kb_key_type";
    public const string SecurityStamp = "kb_stamp";
    public const string Internal = "internal";
    public const string External = "external";
    public const string AdminRole = "ADMIN";
    public const string DeveloperRole = "DEVELOPER";

    public static string RoleOf(KeyBox.Domain.Accounts.UserRole role) => KeyBox.Domain.Accounts.UserRoles.NameOf(role);
}

public static class Policies
{
    /// <summary>Internal API: an internal API key, or an account's bearer token.</summary>
    public const string Internal = "InternalApi";

    /// <summary>External API and LicenseBox routes: any valid API key.</summary>
    public const string External = "ExternalApi";

    /// <summary>KeyBox root routes: an account's bearer token.</summary>
    public const string KeyBox = "KeyBoxApi";
}
