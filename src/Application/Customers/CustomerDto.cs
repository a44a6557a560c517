using KeyBox.Domain.Customers;
using Riok.Mapperly.Abstractions;

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

/// <summary><see cref="Customer"/> → <see cref="CustomerDto"/> (source-generated; a DTO member the mapping does not fill fails the build).</summary>
[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
public static partial class CustomerMapper
{
    public static partial CustomerDto ToDto(this Customer customer);

    /// <summary>The same mapping as a query projection: only the DTO's columns are read.</summary>
    public static partial IQueryable<CustomerDto> ProjectToDto(this IQueryable<Customer> customers);
}
