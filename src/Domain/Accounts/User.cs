using System.Globalization;
using System.Text;
using KeyBox.Domain.Common;

namespace KeyBox.Domain.Accounts;

public enum UserRole
{
    Admin,
    Developer,
}

/// <summary>The wire names of <see cref="UserRole"/>: <c>ADMIN</c> and <c>DEVELOPER</c>.</summary>
public static class UserRoles
{
    public const string Admin = "ADMIN";
    public const string Developer = "DEVELOPER";

    public static IReadOnlyList<string> Names { get; } = [Admin, Developer];

    public static string NameOf(UserRole role) => role == UserRole.Admin ? Admin : Developer;

    /// <summary>Parses <c>ADMIN</c> or <c>DEVELOPER</c>, in any case.</summary>
    public static bool TryParse(string? name, out UserRole role)
    {
        if (string.Equals(name?.Trim(), Admin, StringComparison.OrdinalIgnoreCase))
        {
            role = UserRole.Admin;
            return true;
        }

        role = UserRole.Developer;
        return string.Equals(name?.Trim(), Developer, StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>
/// An account of the KeyBox API. Products, customers and licenses belong to one. Its <see cref="SecurityStamp"/>
/// is written into every bearer token issued for it and changes whenever what those tokens may do changes
/// (deactivation, role change, password change, logout): a token whose stamp is not the account's current one is refused.
/// </summary>
public sealed class User : Entity, IAggregateRoot
{
    public const int NameMaxLength = 200;
    public const int EmailMaxLength = 320;
    public const int PasswordMinLength = PasswordPolicy.MinLength;
    public const int PasswordMaxLength = PasswordPolicy.MaxLength;
    public const int SecurityStampLength = 32;

    /// <summary>The account the server creates for itself on a fresh install when no bootstrap admin is configured (its password is printed once).</summary>
    public const string GeneratedAdminEmail = "admin@keybox.local";

    private User()
    {
        Name = string.Empty;
        Email = string.Empty;
        PasswordHash = string.Empty;
        SecurityStamp = string.Empty;
    }

    private User(string name, string email, string passwordHash, UserRole role, DateTimeOffset now)
    {
        Name = Guard.Required(name, "Name", NameMaxLength);
        Email = NormalizeEmail(email);
        PasswordHash = passwordHash;
        Role = role;
        IsActive = true;
        SecurityStamp = NewStamp();
        CreatedAt = now;
    }

    public string Name { get; private set; }

    /// <summary>Trimmed, Unicode NFC, lower-cased; unique across accounts.</summary>
    public string Email { get; private set; }

    public string PasswordHash { get; private set; }

    public UserRole Role { get; private set; }

    /// <summary>A deactivated account cannot log in; its tokens and API keys are refused.</summary>
    public bool IsActive { get; private set; }

    public DateTimeOffset? DeactivatedAt { get; private set; }

    /// <summary>Changes whenever the account's existing tokens must stop working.</summary>
    public string SecurityStamp { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public bool IsActiveAdmin => IsActive && Role == UserRole.Admin;

    public static User Create(string name, string email, string passwordHash, UserRole role, DateTimeOffset now) =>
        new(name, email, passwordHash, role, now);

    /// <summary>Every account created by signing up is a DEVELOPER: admins come from the bootstrap settings or from another admin.</summary>
    public static User SignUp(string name, string email, string passwordHash, DateTimeOffset now) =>
        new(name, email, passwordHash, UserRole.Developer, now);

    public void Rename(string name) => Name = Guard.Required(name, "Name", NameMaxLength);

    /// <summary>A new password: every token issued before it stops working.</summary>
    public void ChangePasswordHash(string passwordHash)
    {
        PasswordHash = passwordHash;
        RevokeTokens();
    }

    /// <summary>
    /// Changes the role. Tokens issued before are revoked (their holder logs in again and sees the new role). Whether
    /// another active admin remains is the caller's to check (<see cref="EnsureNotLastAdmin"/>): the aggregate cannot see
    /// the other accounts.
    /// </summary>
    public void ChangeRole(UserRole role)
    {
        if (role == Role)
        {
            return;
        }

        Role = role;
        RevokeTokens();
    }

    /// <summary>The account can no longer log in; its tokens and API keys stop working at once.</summary>
    public void Deactivate(DateTimeOffset now)
    {
        if (!IsActive)
        {
            return;
        }

        IsActive = false;
        DeactivatedAt = now;
        RevokeTokens();
    }

    public void Reactivate()
    {
        if (IsActive)
        {
            return;
        }

        IsActive = true;
        DeactivatedAt = null;
    }

    /// <summary>Every token issued so far stops working (logout; also part of the changes above).</summary>
    public void RevokeTokens() => SecurityStamp = NewStamp();

    /// <summary>
    /// Refuses a change that would leave the server without an active ADMIN: <paramref name="otherActiveAdmins"/> is the
    /// number of active admins other than this account.
    /// </summary>
    public void EnsureNotLastAdmin(int otherActiveAdmins, bool stillActiveAdminAfterChange)
    {
        if (IsActiveAdmin && !stillActiveAdminAfterChange && otherActiveAdmins == 0)
        {
            throw new DomainException(ErrorCodes.Conflict, "The last active ADMIN cannot be deactivated or demoted: make another account ADMIN first.");
        }
    }

    /// <summary>
    /// Trimmed, Unicode NFC, lower-cased. Refused (validation) when empty, too long, or when it holds control or
    /// invisible format characters (Unicode Cc and Cf: zero-width spaces and joiners, the BOM, bidi controls), which
    /// make two different addresses look the same.
    /// </summary>
    public static string NormalizeEmail(string email)
    {
        var required = Guard.Required(email, "Email", EmailMaxLength);
        if (HasInvisibleCharacters(required))
        {
            throw Guard.Invalid("Email", InvisibleCharactersMessage);
        }

        return UnicodeComposition.ToNfc(required).ToLowerInvariant();
    }

    public const string InvisibleCharactersMessage = "The email must not contain control or invisible (zero-width, format) characters.";

    /// <summary>True when <paramref name="value"/> holds a control (Cc) or format (Cf) character.</summary>
    public static bool HasInvisibleCharacters(string? value)
    {
        if (value is null)
        {
            return false;
        }

        foreach (var rune in value.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format)
            {
                return true;
            }
        }

        return false;
    }

    private static string NewStamp() => Guid.NewGuid().ToString("N");
}
