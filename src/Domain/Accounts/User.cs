using KeyBox.Domain.Common;

namespace KeyBox.Domain.Accounts;

public enum UserRole
{
    Admin,
    Developer,
}

/// <summary>An account of the KeyBox API. Products, customers and licenses belong to one.</summary>
public sealed class User : Entity, IAggregateRoot
{
    public const int NameMaxLength = 200;
    public const int EmailMaxLength = 320;
    public const int PasswordMinLength = 8;
    public const int PasswordMaxLength = 128;

    /// <summary>
    /// The account the server creates for itself on a fresh install when no bootstrap admin is configured
    /// (its password is printed once). It is not a person: it does not stop the first sign-up becoming ADMIN.
    /// </summary>
    public const string GeneratedAdminEmail = "admin@keybox.local";

    private User()
    {
        Name = string.Empty;
        Email = string.Empty;
        PasswordHash = string.Empty;
    }

    private User(string name, string email, string passwordHash, UserRole role, DateTimeOffset now)
    {
        Name = Guard.Required(name, "Name", NameMaxLength);
        Email = NormalizeEmail(email);
        PasswordHash = passwordHash;
        Role = role;
        CreatedAt = now;
    }

    public string Name { get; private set; }

    /// <summary>Lower-cased, trimmed; unique across accounts.</summary>
    public string Email { get; private set; }

    public string PasswordHash { get; private set; }

    public UserRole Role { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static User Create(string name, string email, string passwordHash, UserRole role, DateTimeOffset now) =>
        new(name, email, passwordHash, role, now);

    /// <summary>
    /// The role of an account created by signing up: the first person to sign up administers the server
    /// (ADMIN); everybody after that is a DEVELOPER who sees only what they own. The generated bootstrap admin
    /// (<see cref="GeneratedAdminEmail"/>) does not count as a person; a configured bootstrap admin does.
    /// </summary>
    public static UserRole RoleForSignup(bool anotherPersonHasAnAccount) =>
        anotherPersonHasAnAccount ? UserRole.Developer : UserRole.Admin;

    public void ChangePasswordHash(string passwordHash) => PasswordHash = passwordHash;

    public static string NormalizeEmail(string email) => Guard.Required(email, "Email", EmailMaxLength).ToLowerInvariant();
}

public interface IUserRepository
{
    Task<User?> GetByIdAsync(Guid id, CancellationToken cancellationToken);

    Task<User?> GetByEmailAsync(string normalizedEmail, CancellationToken cancellationToken);

    Task<bool> AnyAsync(CancellationToken cancellationToken);

    Task<User?> GetFirstAdminAsync(CancellationToken cancellationToken);

    /// <summary>True when an account other than the generated bootstrap admin exists.</summary>
    Task<bool> AnyPersonAsync(CancellationToken cancellationToken);

    void Add(User user);
}
