using KeyBox.Application.Common.Interfaces;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace KeyBox.Application.Licenses.Queries.ListExpiringLicenses;

/// <summary>
/// The caller's licenses that expire within the next <see cref="Days"/> days (soonest first, at most <see cref="Limit"/>),
/// leaving out blocked ones and those marked not valid: the ones worth a renewal reminder. For the console's dashboard.
/// </summary>
public sealed record ListExpiringLicensesQuery(int Days = 30, int Limit = 10) : IQuery<IReadOnlyList<LicenseDto>>;

public sealed class ListExpiringLicensesQueryHandler(IReadStore store, TimeProvider clock) : IQueryHandler<ListExpiringLicensesQuery, IReadOnlyList<LicenseDto>>
{
    public async ValueTask<IReadOnlyList<LicenseDto>> Handle(ListExpiringLicensesQuery query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var until = now.AddDays(Math.Clamp(query.Days, 1, 366));
        var expiring = store.Licenses.Where(l => l.ExpiresAt > now && l.ExpiresAt <= until && !l.IsBlocked && l.IsValid);
        var rows = await store.Rows(expiring)
            .OrderBy(r => r.ExpiresAt).ThenBy(r => r.Id)
            .Take(Math.Clamp(query.Limit, 1, 100))
            .ToListAsync(cancellationToken);
        return rows.Select(r => r.ToDto(now)).ToList();
    }
}
