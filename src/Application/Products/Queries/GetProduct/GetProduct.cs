using KeyBox.Application.Common.Interfaces;
using KeyBox.Application.Common.Queries;
using KeyBox.Domain.Common;
using Mediator;

namespace KeyBox.Application.Products.Queries.GetProduct;

public sealed record GetProductQuery(string ReferenceId) : IQuery<ProductDto>;

public sealed class GetProductQueryHandler(IReadStore store) : IQueryHandler<GetProductQuery, ProductDto>
{
    public ValueTask<ProductDto> Handle(GetProductQuery query, CancellationToken cancellationToken) =>
        store.Products.Where(p => p.ReferenceId == query.ReferenceId).ProjectToDto()
            .FirstOrNotFoundAsync(ErrorCodes.ProductNotFound, $"Product '{query.ReferenceId}' was not found.", cancellationToken);
}
