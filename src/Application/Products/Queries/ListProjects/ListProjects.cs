using KeyBox.Application.Common.Interfaces;
using KeyBox.Application.Common.Models;
using Mediator;
using Microsoft.Extensions.Options;

namespace KeyBox.Application.Products.Queries.ListProjects;

/// <summary>
/// The products the caller may see, oldest first, optionally only those made for one customer; a page at a time, at
/// most <see cref="ListOptions.MaxItems"/> per page whatever the request asks.
/// </summary>
public sealed record ListProjectsQuery(PageRequest Page, Guid? ClientId = null) : IQuery<Page<ProductDto>>;

public sealed class ListProjectsQueryHandler(IReadStore store, IOptions<ListOptions> options) : IQueryHandler<ListProjectsQuery, Page<ProductDto>>
{
    public async ValueTask<Page<ProductDto>> Handle(ListProjectsQuery query, CancellationToken cancellationToken)
    {
        var products = store.Products;
        if (query.ClientId is { } clientId)
        {
            products = products.Where(p => p.CustomerId == clientId);
        }

        return await products.ToKeysetPageAsync(
            p => p.Id,
            p => new ProductDto(p.Id, p.ReferenceId, p.Name, p.Description, p.EnvatoId, p.IsActive, p.LicenseUpdate, p.ServeLatestUpdates, p.CustomerId, p.OwnerId, p.CreatedAt, p.UpdatedAt),
            p => p.Id,
            query.Page with { MaxSize = options.Value.EffectiveMaxItems },
            cancellationToken);
    }
}
