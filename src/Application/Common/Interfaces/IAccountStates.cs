using KeyBox.Domain.Accounts;

namespace KeyBox.Application.Common.Interfaces;

/// <summary>
/// What every authenticated request needs to know of its account, now: whether it is active, its current role and
/// security stamp. Kept in process and invalidated on every process when the account changes (database
/// notifications), so a bearer token or API key is checked without a database read per request.
/// </summary>
public interface IAccountStates
{
    /// <summary>The account's current state; null when it does not exist.</summary>
    ValueTask<AccountState?> GetAsync(Guid userId, CancellationToken cancellationToken);
}

/// <summary>An account's state as authentication reads it.</summary>
public sealed record AccountState(Guid UserId, UserRole Role, bool IsActive, string SecurityStamp)
{
    /// <summary>Whether a token carrying <paramref name="tokenStamp"/> may still act for this account.</summary>
    public bool AcceptsToken(string? tokenStamp) =>
        IsActive && tokenStamp is not null && string.Equals(tokenStamp, SecurityStamp, StringComparison.Ordinal);
}
