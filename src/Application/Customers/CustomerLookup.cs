using KeyBox.Domain.Common;
using KeyBox.Domain.Customers;

namespace KeyBox.Application.Customers;

internal static class CustomerLookup
{
    /// <summary>The customer, tracked for changes; 404 <c>CUSTOMER_NOT_FOUND</c> when it does not exist or the caller may not see it.</summary>
    public static async Task<Customer> GetRequiredAsync(this ICustomerRepository customers, Guid id, CancellationToken cancellationToken) =>
        await customers.GetByIdAsync(id, cancellationToken)
        ?? throw new DomainException(ErrorCodes.CustomerNotFound, "Client not found.");
}
