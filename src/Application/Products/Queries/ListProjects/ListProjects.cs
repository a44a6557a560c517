using KeyBox.Application.Common.Interfaces;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace KeyBox.Application.Products.Queries.ListProjects;

/// <summary>Every product the caller may see, oldest first; optionally only those made for one customer.</summary>
public sealed record ListProjectsQuery(Guid? ClientId = null) : IQuery<IReadOnlyList<ProductDto>>;

public sealed class ListProjectsQueryHandler(IReadStore store) : IQueryHandler<ListProjectsQuery, IReadOnlyList<ProductDto>>
{
    public async ValueTask<IReadOnlyList<ProductDto>> Handle(ListProjectsQuery query, CancellationToken cancellationToken)
    {
        var products = store.Products;
        if (query.ClientId is { } clientId)
        {
            products = products.Where(p => p.CustomerId == clientId);
        }

        return await products.OrderBy(p => p.Id).ProjectToDto().ToListAsync(cancellationToken);
    }
}
