using KeyBox.Application.Accounts;
using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Accounts;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace KeyBox.WebApi.Http.Security;

/// <summary>
/// Issues HS256 JWTs carrying the claims <see cref="HttpCurrentActor"/> and the policies read: <c>sub</c> (the
/// account id), <c>role</c> (<c>ADMIN</c> | <c>DEVELOPER</c>, informative: requests act with the account's current
/// role) and <c>kb_stamp</c> (the account's security stamp: the token stops working when it changes). Times come from
/// the app's <see cref="TimeProvider"/>.
/// </summary>
internal sealed class JwtTokenIssuer(JwtSigningKeys keys, IOptions<AuthOptions> options, TimeProvider clock) : ITokenIssuer
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    public async ValueTask<IssuedToken> IssueAsync(User user, CancellationToken cancellationToken)
    {
        var key = await keys.GetAsync(cancellationToken);
        var settings = options.Value;

        // JWT times have whole seconds: report exactly the expiry the token carries.
        var now = DateTimeOffset.FromUnixTimeSeconds(clock.GetUtcNow().ToUnixTimeSeconds());
        var expiresAt = now + settings.TokenLifetime;
        var token = Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
            Claims = new Dictionary<string, object>
            {
                [KeyBoxClaims.Subject] = user.Id.ToString(),
                [KeyBoxClaims.Role] = KeyBoxClaims.RoleOf(user.Role),
                [KeyBoxClaims.SecurityStamp] = user.SecurityStamp,
                [JwtRegisteredClaimNames.Email] = user.Email,
                [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
            },
        });
        return new IssuedToken(token, expiresAt);
    }
}
