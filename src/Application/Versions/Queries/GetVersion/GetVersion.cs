using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace KeyBox.Application.Versions.Queries.GetVersion;

public sealed record GetVersionQuery(string ProductReferenceId, string VersionId) : IQuery<VersionDto>;

public sealed class GetVersionQueryHandler(IReadStore store) : IQueryHandler<GetVersionQuery, VersionDto>
{
    public async ValueTask<VersionDto> Handle(GetVersionQuery query, CancellationToken cancellationToken)
    {
        var productId = await store.Products
            .Where(p => p.ReferenceId == query.ProductReferenceId)
            .Select(p => (Guid?)p.Id)
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new DomainException(ErrorCodes.ProductNotFound, $"Product '{query.ProductReferenceId}' was not found.");
        var version = await store.Versions.FirstOrDefaultAsync(v => v.ProductId == productId && v.VersionId == query.VersionId, cancellationToken)
            ?? throw new DomainException(ErrorCodes.VersionNotFound, $"Version '{query.VersionId}' of product '{query.ProductReferenceId}' was not found.");
        return version.ToDto(query.ProductReferenceId);
    }
}
