using KeyBox.Domain.Common;
using KeyBox.Domain.Customers;

namespace KeyBox.Application.Customers;

/// <summary>Finds the customer a license refers to by the vendor's reference (<c>customer_id</c>), creating it when new.</summary>
internal static class CustomerResolver
{
    public static async Task<Customer?> ResolveAsync(
        this ICustomerRepository customers,
        Guid ownerId,
        string? reference,
        string? email,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reference))
        {
            return null;
        }

        var trimmed = reference.Trim();
        var existing = await customers.GetByReferenceAsync(ownerId, trimmed, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        var normalizedEmail = Customer.NormalizeEmail(email);
        if (normalizedEmail is not null && await customers.GetByEmailAsync(ownerId, normalizedEmail, cancellationToken) is { Reference: null } byEmail)
        {
            // A customer known by email (e.g. created through the KeyBox API) gets the vendor's reference.
            byEmail.AssignReference(trimmed, now);
            return byEmail;
        }

        // Inserted at once with ON CONFLICT DO NOTHING (not added to the unit of work): parallel requests naming the
        // same new customer all get the one row instead of a unique violation (409) for the losers.
        var created = await customers.InsertIfAbsentAsync(Customer.Create(ownerId, trimmed, normalizedEmail, trimmed, now), cancellationToken);
        if (created is null && normalizedEmail is not null)
        {
            // The email belongs to another of the owner's customers (with another reference): this one goes without it.
            created = await customers.InsertIfAbsentAsync(Customer.Create(ownerId, trimmed, null, trimmed, now), cancellationToken);
        }

        return created ?? throw new DomainException(ErrorCodes.Conflict, "The customer could not be created; try again.", "CustomerId");
    }
}
