using KeyBox.Application.Common.Models;
using KeyBox.Application.Licenses.Queries.ListLicenses;
using Mediator;
using Microsoft.Extensions.Options;

namespace KeyBox.Application.Licenses.Queries.ListAllLicenses;

/// <summary>
/// The licenses the caller may see, oldest first, optionally of one customer and/or product (the KeyBox list): a page
/// at a time through the listing's SQL reader, at most <see cref="ListOptions.MaxItems"/> per page whatever the request asks.
/// </summary>
public sealed record ListAllLicensesQuery(PageRequest Page, Guid? CustomerId = null, Guid? ProductId = null) : IQuery<Page<LicenseDto>>;

public sealed class ListAllLicensesQueryHandler(ILicensePageReader reader, TimeProvider clock, IOptions<ListOptions> options) : IQueryHandler<ListAllLicensesQuery, Page<LicenseDto>>
{
    public ValueTask<Page<LicenseDto>> Handle(ListAllLicensesQuery query, CancellationToken cancellationToken) =>
        new ListLicensesQueryHandler(reader, clock).Handle(
            new ListLicensesQuery(query.Page with { MaxSize = options.Value.EffectiveMaxItems }, null, null, null, query.CustomerId, query.ProductId),
            cancellationToken);
}
