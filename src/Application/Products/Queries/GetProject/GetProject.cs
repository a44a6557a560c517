using KeyBox.Application.Common.Interfaces;
using KeyBox.Application.Common.Queries;
using KeyBox.Domain.Common;
using Mediator;

namespace KeyBox.Application.Products.Queries.GetProject;

/// <summary>A product by its id (KeyBox: a project).</summary>
public sealed record GetProjectQuery(Guid Id) : IQuery<ProductDto>;

public sealed class GetProjectQueryHandler(IReadStore store) : IQueryHandler<GetProjectQuery, ProductDto>
{
    public ValueTask<ProductDto> Handle(GetProjectQuery query, CancellationToken cancellationToken) =>
        store.Products.Where(p => p.Id == query.Id).ProjectToDto()
            .FirstOrNotFoundAsync(ErrorCodes.ProductNotFound, "Project not found.", cancellationToken);
}
