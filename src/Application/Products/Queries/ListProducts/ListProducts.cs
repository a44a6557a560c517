using KeyBox.Application.Common.Interfaces;
using KeyBox.Application.Common.Models;
using Mediator;

namespace KeyBox.Application.Products.Queries.ListProducts;

public sealed record ListProductsQuery(PageRequest Page, string? Search = null) : IQuery<Page<ProductDto>>;

public sealed class ListProductsQueryHandler(IReadStore store) : IQueryHandler<ListProductsQuery, Page<ProductDto>>
{
    public async ValueTask<Page<ProductDto>> Handle(ListProductsQuery query, CancellationToken cancellationToken)
    {
        var products = store.Products;
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim();
            products = products.Where(p => p.ReferenceId.StartsWith(term) || p.Name.Contains(term));
        }

        return await products.ToKeysetPageAsync(
            p => p.Id,
            p => new ProductDto(p.Id, p.ReferenceId, p.Name, p.Description, p.EnvatoId, p.IsActive, p.LicenseUpdate, p.ServeLatestUpdates, p.CustomerId, p.OwnerId, p.CreatedAt, p.UpdatedAt),
            p => p.Id,
            query.Page,
            cancellationToken);
    }
}
