using KeyBox.Application.Accounts;
using KeyBox.Domain.Accounts;

namespace KeyBox.WebApi.Contracts.Internal;

/// <summary>
/// Creates an account: <c>email</c>, <c>name</c>, <c>role</c> (<c>ADMIN</c> or <c>DEVELOPER</c>) and a first
/// <c>password</c> (at least 12 characters, not a common password).
/// </summary>
public sealed record CreateUserRequest(string? Email, string? Name, string? Role, string? Password);

/// <summary>
/// Changes an account; omitted fields keep their values. <c>role</c>: <c>ADMIN</c> or <c>DEVELOPER</c>;
/// <c>is_active</c>: false deactivates (its tokens and API keys stop within a second on every server process), true
/// reactivates; <c>password</c> sets a new password (the account's tokens stop). The last active ADMIN can be neither
/// deactivated nor demoted (409).
/// </summary>
public sealed record UpdateUserRequest(string? Name, string? Role, bool? IsActive, string? Password);

/// <summary>An account (never its password or hash): <c>role</c> is <c>ADMIN</c> or <c>DEVELOPER</c>.</summary>
public sealed record UserResource(Guid Id, string Email, string Name, string Role, bool IsActive, DateTimeOffset CreatedAt)
{
    public static UserResource From(UserDto user) => new(user.Id, user.Email, user.Name, UserRoles.NameOf(user.Role), user.IsActive, user.CreatedAt);
}
