using KeyBox.Application.Common.Interfaces;
using KeyBox.Application.Common.Models;
using KeyBox.Application.Customers;
using KeyBox.Application.Licenses;
using KeyBox.Application.Products;
using KeyBox.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KeyBox.Application.Dashboard.Queries.GetDashboard;

/// <summary>
/// The caller's licensing at a glance (KeyBox <c>GET /dashboard</c>): counts, and customers with the products made for
/// them or licensed to them and their licenses of each. Optionally for one customer. The counts are aggregated in SQL
/// (no row is loaded for them); the nested lists are bounded: at most <see cref="ListOptions.MaxItems"/> customers
/// (oldest first), products and licenses (oldest first) — <see cref="DashboardDto.Truncated"/> says when a nested list
/// was cut (the counts always cover everything; the paged lists give the rest). A summary: it may be a few seconds
/// old (<see cref="ISummaryQuery"/>).
/// </summary>
public sealed record GetDashboardQuery(Guid? ClientId = null) : IQuery<DashboardDto>, ISummaryQuery;

public sealed record DashboardDto(
    int ClientsCount,
    int ProjectsCount,
    int LicensesCount,
    LicenseStatusCounts LicensesByStatus,
    int ActiveActivations,
    int ValidationsLast24h,
    IReadOnlyList<DashboardClient> Clients,
    bool Truncated = false);

/// <summary>Licenses by KeyBox status; <c>Revoked</c> counts blocked licenses and those marked not valid.</summary>
public sealed record LicenseStatusCounts(int Pending, int Active, int Expired, int Revoked);

public sealed record DashboardClient(CustomerDto Client, IReadOnlyList<DashboardProject> Projects);

public sealed record DashboardProject(ProductDto Project, IReadOnlyList<LicenseDto> Licenses);

public sealed class GetDashboardQueryHandler(IReadStore store, ICurrentActor actor, IOptions<ListOptions> options, TimeProvider clock)
    : IQueryHandler<GetDashboardQuery, DashboardDto>
{
    public static readonly TimeSpan ValidationWindow = TimeSpan.FromHours(24);

    public async ValueTask<DashboardDto> Handle(GetDashboardQuery query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var cap = options.Value.EffectiveMaxItems;
        var customers = store.Customers;
        var products = store.Products;
        var licenses = store.Licenses;
        if (query.ClientId is { } clientId)
        {
            customers = customers.Where(c => c.Id == clientId);
            products = products.Where(p => p.CustomerId == clientId || store.Licenses.Any(l => l.ProductId == p.Id && l.CustomerId == clientId));
            licenses = licenses.Where(l => l.CustomerId == clientId);
        }

        var clientList = await customers.OrderBy(c => c.Id).Take(cap + 1).ProjectToDto().ToListAsync(cancellationToken);
        if (query.ClientId is not null && clientList.Count == 0)
        {
            throw new DomainException(ErrorCodes.CustomerNotFound, "Client not found.");
        }

        var truncated = Cut(clientList, cap);
        var clientsCount = clientList.Count < cap ? clientList.Count : await customers.CountAsync(cancellationToken);
        var projectsCount = await products.CountAsync(cancellationToken);

        // One aggregate over the licenses: the status rule of License.DeriveStatus, written as SQL conditions.
        var byStatus = await licenses
            .GroupBy(_ => 1)
            .Select(g => new
            {
                Total = g.Count(),
                Revoked = g.Count(l => l.IsBlocked || !l.IsValid),
                Expired = g.Count(l => !l.IsBlocked && l.IsValid && l.ExpiresAt != null && l.ExpiresAt <= now),
                Pending = g.Count(l => !l.IsBlocked && l.IsValid && (l.ExpiresAt == null || l.ExpiresAt > now) && l.DurationMonths != null && l.FirstActivatedAt == null),
            })
            .FirstOrDefaultAsync(cancellationToken);
        var total = byStatus?.Total ?? 0;
        var statuses = new LicenseStatusCounts(
            byStatus?.Pending ?? 0,
            total - (byStatus?.Pending ?? 0) - (byStatus?.Expired ?? 0) - (byStatus?.Revoked ?? 0),
            byStatus?.Expired ?? 0,
            byStatus?.Revoked ?? 0);

        // Activations carry no owner: an admin's whole-server figures need no join with the licenses.
        var activations = actor.SeesEverything && query.ClientId is null
            ? store.Activations
            : from a in store.Activations join l in licenses on a.LicenseId equals l.Id select a;
        var since = now - ValidationWindow;
        var seats = await activations
            .GroupBy(_ => 1)
            .Select(g => new { Active = g.Count(a => a.IsActive), Validated = g.Count(a => a.LastVerifiedAt >= since) })
            .FirstOrDefaultAsync(cancellationToken);
        var activeActivations = seats?.Active ?? 0;
        var validations = seats?.Validated ?? 0;

        // The nested lists: the listed customers' licenses (oldest first, bounded) and the products they involve.
        var clientIds = clientList.Select(c => c.Id).ToList();
        var rows = await store.Rows(licenses.Where(l => l.CustomerId != null && clientIds.Contains(l.CustomerId.Value)))
            .OrderBy(r => r.Id).Take(cap + 1).ToListAsync(cancellationToken);
        truncated |= Cut(rows, cap);
        var licenseList = rows.Select(r => r.ToDto(now)).ToList();
        var licensedProductIds = licenseList.Select(l => l.ProductId).Distinct().ToList();
        var projectList = await products
            .Where(p => (p.CustomerId != null && clientIds.Contains(p.CustomerId.Value)) || licensedProductIds.Contains(p.Id))
            .OrderBy(p => p.Id).Take(cap + 1).ProjectToDto().ToListAsync(cancellationToken);
        truncated |= Cut(projectList, cap);

        var licensesOf = licenseList.ToLookup(l => (l.CustomerId!.Value, l.ProductId));
        var licensedProductsOf = licenseList.ToLookup(l => l.CustomerId!.Value, l => l.ProductId);
        var clients = clientList.Select(client =>
        {
            var licensed = licensedProductsOf[client.Id].ToHashSet();
            var projects = projectList
                .Where(p => p.CustomerId == client.Id || licensed.Contains(p.Id))
                .Select(p => new DashboardProject(p, licensesOf[(client.Id, p.Id)].ToList()))
                .ToList();
            return new DashboardClient(client, projects);
        }).ToList();

        return new DashboardDto(clientsCount, projectsCount, total, statuses, activeActivations, validations, clients, truncated);
    }

    /// <summary>Drops the probe row beyond the cap; true when there was one.</summary>
    private static bool Cut<T>(List<T> items, int cap)
    {
        if (items.Count <= cap)
        {
            return false;
        }

        items.RemoveRange(cap, items.Count - cap);
        return true;
    }
}
