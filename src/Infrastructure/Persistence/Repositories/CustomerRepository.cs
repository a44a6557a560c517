using KeyBox.Domain.Customers;
using Microsoft.EntityFrameworkCore;

namespace KeyBox.Infrastructure.Persistence.Repositories;

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
