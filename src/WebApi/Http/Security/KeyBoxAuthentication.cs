using System.Security.Claims;
using KeyBox.Application.Accounts;
using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Common;
using KeyBox.WebApi.Http.Errors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace KeyBox.WebApi.Http.Security;

/// <summary>
/// The credentials of each surface (CONTRACTS.md, Authentication): API keys (<see cref="ApiKeyAuthenticationHandler"/>)
/// on <c>/api/...</c>; bearer tokens from <c>POST /auth/login</c> on the KeyBox root routes; either on <c>/api/internal</c>.
/// Every challenge and refusal is written in the surface's envelope.
/// </summary>
public static class KeyBoxAuthentication
{
    /// <summary>Forwards to the bearer scheme when an <c>Authorization: Bearer</c> header is sent, else to the API key scheme.</summary>
    public const string ApiKeyOrBearerScheme = "ApiKeyOrBearer";

    public const string BearerScheme = JwtBearerDefaults.AuthenticationScheme;

    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    public static IServiceCollection AddKeyBoxAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>()
            .Bind(configuration.GetSection(AuthOptions.Section))
            .Validate(o => JwtSigningKeys.IsStrongEnough(o.JwtSigningKey), $"Auth:JwtSigningKey must be at least {JwtSigningKeys.MinimumKeyBytes} bytes long (or absent, to let the server generate one).")
            .Validate(o => o.TokenLifetimeMinutes > 0, "Auth:TokenLifetimeMinutes must be positive.")
            .Validate(o => o.LoginThrottle.PerAccountDelaySeconds is >= 0 and <= 86400, "Auth:LoginThrottle:PerAccountDelaySeconds must be between 0 and 86400.")
            .ValidateOnStart();
        services.AddSingleton<JwtSigningKeys>();
        services.AddHostedService<JwtSigningKeyLoader>();
        services.AddSingleton<ITokenIssuer, JwtTokenIssuer>();

        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddJwtBearer(BearerScheme, options => options.MapInboundClaims = false)
            .AddPolicyScheme(ApiKeyOrBearerScheme, "API key or bearer token", options =>
                options.ForwardDefaultSelector = context => HasBearerToken(context.Request) ? BearerScheme : ApiKeyAuthenticationHandler.SchemeName);
        services.AddOptions<JwtBearerOptions>(BearerScheme)
            .Configure<JwtSigningKeys, TimeProvider, IOptions<AuthOptions>>((options, keys, clock, auth) =>
            {
                options.MapInboundClaims = false;
                options.TimeProvider = clock;
                options.TokenValidationParameters = ValidationParameters(keys, clock, auth.Value);
                options.Events = BearerEvents();
            });

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Internal, policy => policy
                .AddAuthenticationSchemes(ApiKeyOrBearerScheme)
                .RequireAuthenticatedUser()
                .RequireAssertion(context => IsInternalCredential(context.User)))
            .AddPolicy(Policies.External, policy => policy
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser())
            .AddPolicy(Policies.KeyBox, policy => policy
                .AddAuthenticationSchemes(BearerScheme)
                .RequireAuthenticatedUser());
        return services;
    }

    /// <summary>
    /// Whether the credential may call <c>/api/internal</c> at all: an internal API key, or an account's bearer token,
    /// of any role. What it may then see is scoped by ownership (a DEVELOPER sees only their own data), and what only an
    /// ADMIN may do (settings, users: <see cref="KeyBox.Application.Common.Security.IAdminOnly"/>) is refused in the
    /// Application layer with 403 FORBIDDEN, for bearer tokens and API keys alike (a key acts with its account's current role).
    /// </summary>
    public static bool IsInternalCredential(ClaimsPrincipal user) =>
        user.HasClaim(KeyBoxClaims.ApiKeyType, KeyBoxClaims.Internal)
        || user.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType == BearerScheme);

    private static bool HasBearerToken(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    private static TokenValidationParameters ValidationParameters(JwtSigningKeys keys, TimeProvider clock, AuthOptions auth) => new()
    {
        ValidateIssuer = true,
        ValidIssuer = auth.Issuer,
        ValidateAudience = true,
        ValidAudience = auth.Audience,
        ValidateIssuerSigningKey = true,
        IssuerSigningKeyResolver = (_, _, _, _) => [keys.Current],
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateLifetime = true,
        ClockSkew = ClockSkew,
        LifetimeValidator = (notBefore, expires, _, parameters) => ValidateLifetime(clock, notBefore, expires, parameters.ClockSkew),
        NameClaimType = KeyBoxClaims.Subject,
        RoleClaimType = KeyBoxClaims.Role,
        AuthenticationType = BearerScheme,
    };

    // The app's clock, not the system's: tests move it to expire tokens.
    private static bool ValidateLifetime(TimeProvider clock, DateTime? notBefore, DateTime? expires, TimeSpan skew)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (expires is not { } expiry)
        {
            return false;
        }

        if (expiry.ToUniversalTime() + skew < now)
        {
            throw new SecurityTokenExpiredException("The token has expired.") { Expires = expiry };
        }

        return notBefore is not { } start || start.ToUniversalTime() - skew <= now;
    }

    private static JwtBearerEvents BearerEvents() => new()
    {
        OnMessageReceived = async context =>
        {
            var keys = context.HttpContext.RequestServices.GetRequiredService<JwtSigningKeys>();
            if (!keys.IsLoaded && HasBearerToken(context.Request))
            {
                await keys.GetAsync(context.HttpContext.RequestAborted);
            }
        },
        OnTokenValidated = async context =>
        {
            // Revocation: the token's security stamp must still be the account's, and the account active. The state is
            // cached in process and invalidated on every process when the account changes (no database read per request).
            // The role the request acts with is the account's current one, not the one written in the token.
            if (context.Principal?.Identity is not ClaimsIdentity identity
                || !Guid.TryParse(identity.FindFirst(KeyBoxClaims.Subject)?.Value, out var userId))
            {
                context.Fail(new SecurityTokenValidationException("The token names no account."));
                return;
            }

            var accounts = context.HttpContext.RequestServices.GetRequiredService<IAccountStates>();
            var state = await accounts.GetAsync(userId, context.HttpContext.RequestAborted);
            if (state is null || !state.AcceptsToken(identity.FindFirst(KeyBoxClaims.SecurityStamp)?.Value))
            {
                context.Fail(new TokenRevokedException());
                return;
            }

            foreach (var role in identity.FindAll(KeyBoxClaims.Role).ToList())
            {
                identity.RemoveClaim(role);
            }

            identity.AddClaim(new Claim(KeyBoxClaims.Role, KeyBoxClaims.RoleOf(state.Role)));
        },
        OnChallenge = async context =>
        {
            context.HandleResponse();
            if (context.Response.HasStarted)
            {
                return;
            }

            var message = context.AuthenticateFailure switch
            {
                null => "A bearer token is required: send 'Authorization: Bearer <token>' with the token from POST /auth/login.",
                SecurityTokenExpiredException => "The token has expired: log in again.",
                TokenRevokedException => "The token has been revoked: log in again.",
                _ => "The token is invalid.",
            };
            context.Response.Headers.WWWAuthenticate = context.AuthenticateFailure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
            await ErrorEnvelopes.WriteAsync(context.HttpContext, new ApiError(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized, message));
        },
        OnForbidden = context => ErrorEnvelopes.WriteAsync(context.HttpContext,
            new ApiError(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, "Your account may not call this route.")),
    };
}

/// <summary>A well-signed token whose account is gone, deactivated, or whose security stamp changed (logout, role or password change).</summary>
public sealed class TokenRevokedException() : SecurityTokenValidationException("The token has been revoked.");
