using KeyBox.Domain.Accounts;
using Microsoft.EntityFrameworkCore;

namespace KeyBox.Infrastructure.Persistence.Repositories;

internal sealed class UserRepository(KeyBoxDbContext db) : IUserRepository
{
    public Task<User?> GetByIdAsync(Guid id, CancellationToken cancellationToken) =>
        db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken);

    public Task<User?> GetByEmailAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        db.Users.FirstOrDefaultAsync(u => u.Email == normalizedEmail, cancellationToken);

    public Task<bool> AnyAsync(CancellationToken cancellationToken) => db.Users.AnyAsync(cancellationToken);

    public Task<User?> GetFirstAdminAsync(CancellationToken cancellationToken) =>
        db.Users.Where(u => u.Role == UserRole.Admin && u.IsActive).OrderBy(u => u.CreatedAt).FirstOrDefaultAsync(cancellationToken);

    /// <summary>One transaction-scoped advisory lock (key 7243002) for every change of a role or an active flag.</summary>
    public async Task LockAccountChangesAsync(CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Account changes are locked inside a transaction.");
        }

        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(7243002)", cancellationToken);
    }

    public Task<int> CountOtherActiveAdminsAsync(Guid exceptUserId, CancellationToken cancellationToken) =>
        db.Users.CountAsync(u => u.Role == UserRole.Admin && u.IsActive && u.Id != exceptUserId, cancellationToken);

    public void Add(User user) => db.Users.Add(user);
}
