using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace KeyBox.Application.Products.Queries.GetProject;

/// <summary>A product by its id (KeyBox: a project).</summary>
public sealed record GetProjectQuery(Guid Id) : IQuery<ProductDto>;

public sealed class GetProjectQueryHandler(IReadStore store) : IQueryHandler<GetProjectQuery, ProductDto>
{
    public async ValueTask<ProductDto> Handle(GetProjectQuery query, CancellationToken cancellationToken) =>
        await store.Products.Where(p => p.Id == query.Id).ProjectToDto().FirstOrDefaultAsync(cancellationToken)
        ?? throw new DomainException(ErrorCodes.ProductNotFound, "Project not found.");
}
