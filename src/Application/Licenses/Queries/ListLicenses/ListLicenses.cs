using KeyBox.Application.Common.Models;
using KeyBox.Domain.Licenses;
using Mediator;

namespace KeyBox.Application.Licenses.Queries.ListLicenses;

/// <summary>
/// Lists licenses in id order with keyset paging. <c>Search</c> matches the start of the license code or email,
/// or a customer reference exactly; search results come in their own index order (see <see cref="LicenseSearch"/>),
/// so every page, first or deep, is an index range scan at millions of rows.
/// </summary>
public sealed record ListLicensesQuery(
    PageRequest Page,
    string? Search,
    string? ProductReferenceId,
    string? CustomerReference,
    Guid? CustomerId = null,
    Guid? ProductId = null,
    LicenseStatus? Status = null) : IQuery<Page<LicenseDto>>;

public sealed class ListLicensesQueryHandler(ILicensePageReader reader, TimeProvider clock) : IQueryHandler<ListLicensesQuery, Page<LicenseDto>>
{
    public async ValueTask<Page<LicenseDto>> Handle(ListLicensesQuery query, CancellationToken cancellationToken)
    {
        // Filters are conditions on licenses, so that a search can page through the licenses table alone and
        // read products and customers for the rows of its page only.
        var now = clock.GetUtcNow();
        var filter = new LicenseFilter(Trimmed(query.ProductReferenceId), query.ProductId, Trimmed(query.CustomerReference), query.CustomerId, query.Status, now);
        var page = string.IsNullOrWhiteSpace(query.Search)
            ? await ListAsync(filter, query.Page, cancellationToken)
            : await LicenseSearch.PageAsync(reader, filter, query.Search.Trim(), query.Page, cancellationToken);
        return new Page<LicenseDto>(page.Items.Select(r => r.ToDto(now)).ToList(), page.PerPage, page.HasMore, page.NextCursor);
    }

    /// <summary>Id order: a cursor (the last id) is an index range scan; a page number falls back to an offset. One extra row tells whether more exist.</summary>
    private async Task<Page<LicenseRow>> ListAsync(LicenseFilter filter, PageRequest request, CancellationToken cancellationToken)
    {
        var perPage = request.Size;
        var after = Cursor.DecodeId(request.Cursor);
        var skip = request.Offset(after is not null);
        var rows = (await reader.ListAsync(filter, after, skip, perPage + 1, cancellationToken)).ToList();
        var hasMore = rows.Count > perPage;
        if (hasMore)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        return new Page<LicenseRow>(rows, perPage, hasMore, hasMore ? Cursor.Encode(rows[^1].Id) : null);
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
