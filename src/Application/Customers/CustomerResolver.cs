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

        var customer = Customer.Create(ownerId, trimmed, normalizedEmail is not null && await customers.GetByEmailAsync(ownerId, normalizedEmail, cancellationToken) is null ? normalizedEmail : null, trimmed, now);
        customers.Add(customer);
        return customer;
    }
}
