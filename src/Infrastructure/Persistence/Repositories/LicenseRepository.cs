using KeyBox.Domain.Accounts;
using KeyBox.Domain.ApiKeys;
using KeyBox.Domain.Customers;
using KeyBox.Domain.Licenses;
using KeyBox.Domain.Products;
using KeyBox.Domain.Versions;
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

internal sealed class ApiKeyRepository(KeyBoxDbContext db) : IApiKeyRepository
{
    public Task<ApiKey?> GetByIdAsync(Guid id, CancellationToken cancellationToken) =>
        db.ApiKeys.IgnoreQueryFilters().FirstOrDefaultAsync(k => k.Id == id, cancellationToken);

    // Authentication happens before anyone is known, so it cannot be scoped to an owner.
    public Task<ApiKey?> GetByHashAsync(string keyHash, CancellationToken cancellationToken) =>
        db.ApiKeys.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(k => k.KeyHash == keyHash, cancellationToken);

    public Task<bool> AnyUsableOfTypeAsync(ApiKeyType type, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.ApiKeys.IgnoreQueryFilters().AnyAsync(k => k.Type == type && k.RevokedAt == null && (k.ExpiresAt == null || k.ExpiresAt > now), cancellationToken);

    public void Add(ApiKey apiKey) => db.ApiKeys.Add(apiKey);
}

internal sealed class ProductRepository(KeyBoxDbContext db) : IProductRepository
{
    public Task<Product?> GetByIdAsync(Guid id, CancellationToken cancellationToken) =>
        db.Products.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);

    public Task<Product?> GetByReferenceIdAsync(string referenceId, CancellationToken cancellationToken) =>
        db.Products.FirstOrDefaultAsync(p => p.ReferenceId == referenceId, cancellationToken);

    // Reference ids are unique across owners, so the check must see every owner's products.
    public Task<bool> ReferenceIdExistsAsync(string referenceId, CancellationToken cancellationToken) =>
        db.Products.IgnoreQueryFilters().AnyAsync(p => p.ReferenceId == referenceId, cancellationToken);

    public void Add(Product product) => db.Products.Add(product);

    public void Remove(Product product) => db.Products.Remove(product);
}

internal sealed class VersionRepository(KeyBoxDbContext db) : IVersionRepository
{
    public Task<ProductVersion?> GetAsync(Guid productId, string versionId, CancellationToken cancellationToken) =>
        db.Versions.FirstOrDefaultAsync(v => v.ProductId == productId && v.VersionId == versionId, cancellationToken);

    public Task<bool> ExistsAsync(Guid productId, string versionId, CancellationToken cancellationToken) =>
        db.Versions.AnyAsync(v => v.ProductId == productId && v.VersionId == versionId, cancellationToken);

    public async Task<IReadOnlyList<ProductVersion>> ListActiveAsync(Guid productId, CancellationToken cancellationToken) =>
        await db.Versions.Where(v => v.ProductId == productId && v.IsActive).ToListAsync(cancellationToken);

    public void Add(ProductVersion version) => db.Versions.Add(version);
}

internal sealed class CustomerRepository(KeyBoxDbContext db) : ICustomerRepository
{
    // A customer added earlier in this unit of work (not saved yet) is found too: domain event handlers run before the save.
    public async Task<Customer?> GetByIdAsync(Guid id, CancellationToken cancellationToken) =>
        db.Customers.Local.FirstOrDefault(c => c.Id == id)
        ?? await db.Customers.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);

    public async Task<Customer?> GetByReferenceAsync(Guid ownerId, string reference, CancellationToken cancellationToken) =>
        db.Customers.Local.FirstOrDefault(c => c.OwnerId == ownerId && c.Reference == reference)
        ?? await db.Customers.IgnoreQueryFilters().FirstOrDefaultAsync(c => c.OwnerId == ownerId && c.Reference == reference, cancellationToken);

    public async Task<Customer?> GetByEmailAsync(Guid ownerId, string normalizedEmail, CancellationToken cancellationToken) =>
        db.Customers.Local.FirstOrDefault(c => c.OwnerId == ownerId && c.Email == normalizedEmail)
        ?? await db.Customers.IgnoreQueryFilters().FirstOrDefaultAsync(c => c.OwnerId == ownerId && c.Email == normalizedEmail, cancellationToken);

    public void Add(Customer customer) => db.Customers.Add(customer);

    public async Task<Customer?> InsertIfAbsentAsync(Customer customer, CancellationToken cancellationToken)
    {
        // Get-or-create without check-then-insert: the unique indexes (owner, reference) and (owner, email) decide, and a
        // request that loses the race reads the winner's row instead of failing with a unique violation.
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO customers (id, owner_id, name, email, reference, created_at, updated_at) VALUES ({customer.Id}, {customer.OwnerId}, {customer.Name}, {customer.Email}, {customer.Reference}, {customer.CreatedAt}, {customer.UpdatedAt}) ON CONFLICT DO NOTHING",
            cancellationToken);
        return customer.Reference is null
            ? null
            : await db.Customers.IgnoreQueryFilters().FirstOrDefaultAsync(c => c.OwnerId == customer.OwnerId && c.Reference == customer.Reference, cancellationToken);
    }

    public void Remove(Customer customer) => db.Customers.Remove(customer);
}

internal sealed class LicenseRepository(KeyBoxDbContext db) : ILicenseRepository
{
    // A license added earlier in this unit of work (not saved yet) is found too: domain event handlers run before the save.
    public async Task<License?> GetByIdAsync(Guid id, CancellationToken cancellationToken) =>
        db.Licenses.Local.FirstOrDefault(l => l.Id == id)
        ?? await db.Licenses.FirstOrDefaultAsync(l => l.Id == id, cancellationToken);

    public Task<License?> GetByCodeAsync(string licenseCode, CancellationToken cancellationToken) =>
        db.Licenses.FirstOrDefaultAsync(l => l.LicenseCode == licenseCode, cancellationToken);

    // FOR UPDATE holds the license row until the surrounding transaction commits: the seat count read below
    // cannot change under us, whichever process runs the competing activation.
    public Task<License?> GetForActivationAsync(string licenseCode, CancellationToken cancellationToken) =>
        db.Licenses
            .FromSql($"SELECT * FROM licenses WHERE license_code = {licenseCode} FOR UPDATE")
            .Include(l => l.Activations.Where(a => a.IsActive))
            // Two statements on purpose: the activations must be read AFTER the row lock is granted (a new snapshot);
            // one joined statement would read them from the snapshot taken before waiting for the lock.
            .AsSplitQuery()
            .FirstOrDefaultAsync(cancellationToken);

    public Task<License?> GetWithActivationAsync(Guid activationId, CancellationToken cancellationToken) =>
        db.Licenses
            .FromSql($"SELECT * FROM licenses WHERE id = (SELECT license_id FROM activations WHERE id = {activationId}) FOR UPDATE")
            .Include(l => l.Activations.Where(a => a.IsActive || a.Id == activationId))
            .AsSplitQuery()
            .FirstOrDefaultAsync(cancellationToken);

    public Task<bool> CodeExistsAsync(string licenseCode, CancellationToken cancellationToken) =>
        db.Licenses.IgnoreQueryFilters().AnyAsync(l => l.LicenseCode == licenseCode, cancellationToken);

    public void Add(License license) => db.Licenses.Add(license);
}
