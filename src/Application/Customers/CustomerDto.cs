using AutoMapper;
using KeyBox.Domain.Customers;

namespace KeyBox.Application.Customers;

/// <summary>A customer (the KeyBox API's client).</summary>
public sealed record CustomerDto(
    Guid Id,
    string Name,
    string? Email,
    string? Reference,
    Guid OwnerId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

public sealed class CustomerMappingProfile : Profile
{
    public CustomerMappingProfile() => CreateMap<Customer, CustomerDto>();
}

internal static class CustomerLookup
{
    public static async Task<Customer> GetRequiredAsync(this ICustomerRepository customers, Guid id, CancellationToken cancellationToken) =>
        await customers.GetByIdAsync(id, cancellationToken)
        ?? throw new Domain.Common.DomainException(Domain.Common.ErrorCodes.CustomerNotFound, "Client not found.");
}
