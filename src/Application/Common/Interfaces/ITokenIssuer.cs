using KeyBox.Domain.Accounts;

namespace KeyBox.Application.Common.Interfaces;

/// <summary>A signed bearer token for an account, and when it stops being accepted.</summary>
public sealed record IssuedToken(string Token, DateTimeOffset ExpiresAt);

/// <summary>Issues the bearer tokens that the KeyBox and internal APIs accept.</summary>
public interface ITokenIssuer
{
    ValueTask<IssuedToken> IssueAsync(User user, CancellationToken cancellationToken);
}
