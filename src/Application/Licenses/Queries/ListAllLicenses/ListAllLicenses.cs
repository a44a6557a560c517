using KeyBox.Application.Common.Interfaces;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace KeyBox.Application.Licenses.Queries.ListAllLicenses;

/// <summary>Every license the caller may see, oldest first, optionally of one customer and/or product (the KeyBox list: unpaged).</summary>
public sealed record ListAllLicensesQuery(Guid? CustomerId = null, Guid? ProductId = null) : IQuery<IReadOnlyList<LicenseDto>>;

public sealed class ListAllLicensesQueryHandler(IReadStore store, TimeProvider clock) : IQueryHandler<ListAllLicensesQuery, IReadOnlyList<LicenseDto>>
{
    public async ValueTask<IReadOnlyList<LicenseDto>> Handle(ListAllLicensesQuery query, CancellationToken cancellationToken)
    {
        var rows = store.Rows();
        if (query.CustomerId is { } customerId)
        {
            rows = rows.Where(r => r.CustomerId == customerId);
        }

        if (query.ProductId is { } productId)
        {
            rows = rows.Where(r => r.ProductId == productId);
        }

        var now = clock.GetUtcNow();
        var list = await rows.OrderBy(r => r.Id).ToListAsync(cancellationToken);
        return list.Select(r => r.ToDto(now)).ToList();
    }
}
