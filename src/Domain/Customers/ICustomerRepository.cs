namespace KeyBox.Domain.Customers;

public interface ICustomerRepository
{
    Task<Customer?> GetByIdAsync(Guid id, CancellationToken cancellationToken);

    Task<Customer?> GetByReferenceAsync(Guid ownerId, string reference, CancellationToken cancellationToken);

    Task<Customer?> GetByEmailAsync(Guid ownerId, string normalizedEmail, CancellationToken cancellationToken);

    void Add(Customer customer);

    /// <summary>
    /// Inserts the customer at once unless the owner already has one with its reference or email (one
    /// <c>INSERT ... ON CONFLICT DO NOTHING</c>: safe when parallel requests name the same new customer), then returns
    /// the owner's customer with that reference — the new one or the one that won the race — or null when only the
    /// email was taken (by a customer with another reference).
    /// </summary>
    Task<Customer?> InsertIfAbsentAsync(Customer customer, CancellationToken cancellationToken);

    void Remove(Customer customer);
}
