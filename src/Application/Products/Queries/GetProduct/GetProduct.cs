using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace KeyBox.Application.Products.Queries.GetProduct;

public sealed record GetProductQuery(string ReferenceId) : IQuery<ProductDto>;

public sealed class GetProductQueryHandler(IReadStore store) : IQueryHandler<GetProductQuery, ProductDto>
{
    public async ValueTask<ProductDto> Handle(GetProductQuery query, CancellationToken cancellationToken) =>
        await store.Products
            .Where(p => p.ReferenceId == query.ReferenceId)
            .ProjectToDto()
            .FirstOrDefaultAsync(cancellationToken)
        ?? throw new DomainException(ErrorCodes.ProductNotFound, $"Product '{query.ReferenceId}' was not found.");
}
