using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Common;
using KeyBox.Domain.Versions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace KeyBox.Application.Versions.Queries.ListVersions;

/// <summary>
/// A product's versions, newest semantic version first. Not keyset-paged (the order is semantic, computed here): the list
/// is bounded by <c>Quotas:MaxVersionsPerProduct</c> (1,000 by default), enforced when a version is created.
/// </summary>
public sealed record ListVersionsQuery(string ProductReferenceId) : IQuery<IReadOnlyList<VersionDto>>;

public sealed class ListVersionsQueryHandler(IReadStore store) : IQueryHandler<ListVersionsQuery, IReadOnlyList<VersionDto>>
{
    public async ValueTask<IReadOnlyList<VersionDto>> Handle(ListVersionsQuery query, CancellationToken cancellationToken)
    {
        var productId = await store.Products
            .Where(p => p.ReferenceId == query.ProductReferenceId)
            .Select(p => (Guid?)p.Id)
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new DomainException(ErrorCodes.ProductNotFound, $"Product '{query.ProductReferenceId}' was not found.");
        var versions = await store.Versions.Where(v => v.ProductId == productId).ToListAsync(cancellationToken);
        return versions
            .OrderByDescending(v => v.SemanticVersion)
            .ThenByDescending(v => v.ReleasedAt)
            .Select(v => v.ToDto(query.ProductReferenceId))
            .ToList();
    }
}
