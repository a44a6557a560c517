using KeyBox.Domain.Products;
using Riok.Mapperly.Abstractions;

namespace KeyBox.Application.Products;

public sealed record ProductDto(
    Guid Id,
    string ReferenceId,
    string Name,
    string? Description,
    string? EnvatoId,
    bool IsActive,
    bool LicenseUpdate,
    bool ServeLatestUpdates,
    Guid? CustomerId,
    Guid OwnerId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary><see cref="Product"/> → <see cref="ProductDto"/> (source-generated; a DTO member the mapping does not fill fails the build).</summary>
[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
public static partial class ProductMapper
{
    public static partial ProductDto ToDto(this Product product);

    /// <summary>The same mapping as a query projection: only the DTO's columns are read.</summary>
    public static partial IQueryable<ProductDto> ProjectToDto(this IQueryable<Product> products);
}
