using KeyBox.Application.Common.Interfaces;
using KeyBox.Application.Common.Models;
using Mediator;

namespace KeyBox.Application.Licenses.Queries.ListLicenses;

/// <summary>
/// Lists licenses in id order with keyset paging. <c>Search</c> matches the start of the license code or email,
/// or a customer reference exactly; search results come in their own index order (see <see cref="LicenseSearch"/>),
/// so every page, first or deep, is an index range scan at millions of rows.
/// </summary>
public sealed record ListLicensesQuery(PageRequest Page, string? Search, string? ProductReferenceId, string? CustomerReference, Guid? CustomerId = null, Guid? ProductId = null) : IQuery<Page<LicenseDto>>;

public sealed class ListLicensesQueryHandler(IReadStore store, TimeProvider clock) : IQueryHandler<ListLicensesQuery, Page<LicenseDto>>
{
    public async ValueTask<Page<LicenseDto>> Handle(ListLicensesQuery query, CancellationToken cancellationToken)
    {
        // Filters are conditions on licenses (references through subqueries), so that a search can page through
        // the licenses table alone and join products and customers for the rows of its page only.
        var licenses = store.Licenses;
        if (!string.IsNullOrWhiteSpace(query.ProductReferenceId))
        {
            var reference = query.ProductReferenceId.Trim();
            // Product references are unique: one product id (an init plan), so (product_id, id) serves the page.
            licenses = licenses.Where(l => l.ProductId == store.Products.Where(p => p.ReferenceId == reference).Select(p => (Guid?)p.Id).FirstOrDefault());
        }

        if (query.ProductId is { } productId)
        {
            licenses = licenses.Where(l => l.ProductId == productId);
        }

        if (!string.IsNullOrWhiteSpace(query.CustomerReference))
        {
            var customer = query.CustomerReference.Trim();
            licenses = licenses.Where(l => store.Customers.Any(c => c.Id == l.CustomerId && c.Reference == customer));
        }

        if (query.CustomerId is { } customerId)
        {
            licenses = licenses.Where(l => l.CustomerId == customerId);
        }

        var page = string.IsNullOrWhiteSpace(query.Search)
            ? await store.Rows(licenses).ToKeysetPageAsync(r => r.Id, r => r, r => r.Id, query.Page, cancellationToken)
            : await LicenseSearch.PageAsync(store, licenses, query.Search.Trim(), query.Page, cancellationToken);
        var now = clock.GetUtcNow();
        return new Page<LicenseDto>(page.Items.Select(r => r.ToDto(now)).ToList(), page.PerPage, page.HasMore, page.NextCursor);
    }
}
