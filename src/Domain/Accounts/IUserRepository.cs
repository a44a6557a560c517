namespace KeyBox.Domain.Accounts;

public interface IUserRepository
{
    Task<User?> GetByIdAsync(Guid id, CancellationToken cancellationToken);

    Task<User?> GetByEmailAsync(string normalizedEmail, CancellationToken cancellationToken);

    Task<bool> AnyAsync(CancellationToken cancellationToken);

    Task<User?> GetFirstAdminAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Serialises changes of roles and active flags until the current transaction ends (so that two admins cannot
    /// demote each other at once and leave none); call it inside a transaction, before loading the account to change.
    /// </summary>
    Task LockAccountChangesAsync(CancellationToken cancellationToken);

    /// <summary>The number of active ADMIN accounts other than <paramref name="exceptUserId"/>.</summary>
    Task<int> CountOtherActiveAdminsAsync(Guid exceptUserId, CancellationToken cancellationToken);

    void Add(User user);
}
