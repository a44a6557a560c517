using KeyBox.Application.Common.Interfaces;
using KeyBox.Application.Common.Models;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace KeyBox.Application.Licenses.Queries.ListLicenses;

/// <summary>
/// Lists licenses in id order with keyset paging. <c>Search</c> matches the start of the license code or email,
/// or a customer reference exactly; every filter is index-backed so pages stay fast at millions of rows.
/// </summary>
public sealed record ListLicensesQuery(PageRequest Page, string? Search, string? ProductReferenceId, string? CustomerReference, Guid? CustomerId = null, Guid? ProductId = null) : IQuery<Page<LicenseDto>>;

public sealed class ListLicensesQueryHandler(IReadStore store, TimeProvider clock) : IQueryHandler<ListLicensesQuery, Page<LicenseDto>>
{
    public async ValueTask<Page<LicenseDto>> Handle(ListLicensesQuery query, CancellationToken cancellationToken)
    {
        var rows = store.Rows();
        if (!string.IsNullOrWhiteSpace(query.ProductReferenceId))
        {
            var reference = query.ProductReferenceId.Trim();
            rows = rows.Where(r => r.ProductReferenceId == reference);
        }

        if (query.ProductId is { } productId)
        {
            rows = rows.Where(r => r.ProductId == productId);
        }

        if (!string.IsNullOrWhiteSpace(query.CustomerReference))
        {
            var customer = query.CustomerReference.Trim();
            rows = rows.Where(r => r.CustomerReference == customer);
        }

        if (query.CustomerId is { } customerId)
        {
            rows = rows.Where(r => r.CustomerId == customerId);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim();
            var lowered = term.ToLowerInvariant();
            // The customers with that reference are looked up first, so that every alternative of the OR is a
            // condition on licenses alone that PostgreSQL can answer from an index (a bitmap OR of the code and
            // e-mail pattern indexes and the customer index) instead of scanning the table in id order.
            var customerIds = await store.Customers.Where(c => c.Reference == term).Select(c => (Guid?)c.Id).Take(100).ToListAsync(cancellationToken);
            rows = rows.Where(r => r.LicenseCode.StartsWith(term) || (r.Email != null && r.Email.StartsWith(lowered)) || customerIds.Contains(r.CustomerId));
        }

        var now = clock.GetUtcNow();
        var page = await rows.ToKeysetPageAsync(r => r.Id, r => r, r => r.Id, query.Page, cancellationToken);
        return new Page<LicenseDto>(page.Items.Select(r => r.ToDto(now)).ToList(), page.PerPage, page.HasMore, page.NextCursor);
    }
}
