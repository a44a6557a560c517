using KeyBox.Application.Products;

namespace KeyBox.WebApi.Contracts.Internal;

public sealed record CreateProductRequest(
    string? Name,
    string? ReferenceId,
    string? EnvatoId,
    string? Description,
    bool? LicenseUpdate,
    bool? ServeLatestUpdates,
    bool? IsActive);

public sealed record UpdateProductRequest(
    string? Name,
    string? EnvatoId,
    string? Description,
    bool? LicenseUpdate,
    bool? ServeLatestUpdates,
    bool? IsActive);

public sealed record ProductResource(
    Guid Id,
    string ReferenceId,
    string Name,
    string? Description,
    string? EnvatoId,
    bool LicenseUpdate,
    bool ServeLatestUpdates,
    bool IsActive,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static ProductResource From(ProductDto p) =>
        new(p.Id, p.ReferenceId, p.Name, p.Description, p.EnvatoId, p.LicenseUpdate, p.ServeLatestUpdates, p.IsActive, p.CreatedAt, p.UpdatedAt);
}
