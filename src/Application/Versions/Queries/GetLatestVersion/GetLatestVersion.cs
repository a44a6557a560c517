using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Common;
using KeyBox.Domain.Versions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace KeyBox.Application.Versions.Queries.GetLatestVersion;

/// <summary>The newest active version of a product (404 <c>VERSION_NOT_FOUND</c> when it has none).</summary>
/// <param name="ProductId">The product's reference id, as clients send it.</param>
public sealed record GetLatestVersionQuery(string ProductId) : IQuery<LatestVersionDto>;

public sealed record LatestVersionDto(string ProductReferenceId, string ProductName, UpdateDto Version);

public sealed class GetLatestVersionQueryHandler(IReadStore store) : IQueryHandler<GetLatestVersionQuery, LatestVersionDto>
{
    public async ValueTask<LatestVersionDto> Handle(GetLatestVersionQuery query, CancellationToken cancellationToken)
    {
        var product = await store.GetActiveProductAsync(query.ProductId, cancellationToken);
        var versions = await store.Versions.Where(v => v.ProductId == product.Id && v.IsActive).ToListAsync(cancellationToken);
        var latest = UpdatePolicy.Latest(versions)
            ?? throw new DomainException(ErrorCodes.VersionNotFound, $"Product '{product.ReferenceId}' has no released version.");
        return new LatestVersionDto(product.ReferenceId, product.Name, UpdateDto.From(latest));
    }
}
