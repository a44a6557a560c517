using AutoMapper;
using KeyBox.Domain.Products;

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

public sealed class ProductMappingProfile : Profile
{
    public ProductMappingProfile() => CreateMap<Product, ProductDto>();
}
