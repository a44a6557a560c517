using KeyBox.Application.Common.Interfaces;
using KeyBox.Application.Customers;
using KeyBox.Application.Licenses;
using KeyBox.Application.Products;
using KeyBox.Domain.Common;
using KeyBox.Domain.Licenses;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace KeyBox.Application.Dashboard.Queries.GetDashboard;

/// <summary>
/// The caller's licensing at a glance (KeyBox <c>GET /dashboard</c>): counts, and each customer with the products made
/// for it or licensed to it and its licenses of each. Optionally for one customer. Four queries whatever the number of
/// rows: customers, products, licenses (with their active seat counts), and recent validations.
/// </summary>
public sealed record GetDashboardQuery(Guid? ClientId = null) : IQuery<DashboardDto>;

public sealed record DashboardDto(
    int ClientsCount,
    int ProjectsCount,
    int LicensesCount,
    LicenseStatusCounts LicensesByStatus,
    int ActiveActivations,
    int ValidationsLast24h,
    IReadOnlyList<DashboardClient> Clients);

/// <summary>Licenses by KeyBox status; <c>Revoked</c> counts blocked licenses and those marked not valid.</summary>
public sealed record LicenseStatusCounts(int Pending, int Active, int Expired, int Revoked);

public sealed record DashboardClient(CustomerDto Client, IReadOnlyList<DashboardProject> Projects);

public sealed record DashboardProject(ProductDto Project, IReadOnlyList<LicenseDto> Licenses);

public sealed class GetDashboardQueryHandler(IReadStore store, TimeProvider clock) : IQueryHandler<GetDashboardQuery, DashboardDto>
{
    public static readonly TimeSpan ValidationWindow = TimeSpan.FromHours(24);

    public async ValueTask<DashboardDto> Handle(GetDashboardQuery query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var customers = store.Customers;
        var products = store.Products;
        var rows = store.Rows();
        var licenses = store.Licenses;
        if (query.ClientId is { } clientId)
        {
            customers = customers.Where(c => c.Id == clientId);
            products = products.Where(p => p.CustomerId == clientId || store.Licenses.Any(l => l.ProductId == p.Id && l.CustomerId == clientId));
            rows = rows.Where(r => r.CustomerId == clientId);
            licenses = licenses.Where(l => l.CustomerId == clientId);
        }

        var clientList = await customers.OrderBy(c => c.Id).ProjectToDto().ToListAsync(cancellationToken);
        if (query.ClientId is not null && clientList.Count == 0)
        {
            throw new DomainException(ErrorCodes.CustomerNotFound, "Client not found.");
        }

        var projectList = await products.OrderBy(p => p.Id).ProjectToDto().ToListAsync(cancellationToken);
        var licenseList = (await rows.OrderBy(r => r.Id).ToListAsync(cancellationToken)).Select(r => r.ToDto(now)).ToList();
        var since = now - ValidationWindow;
        var validations = await (from a in store.Activations
                                 join l in licenses on a.LicenseId equals l.Id
                                 where a.LastVerifiedAt >= since
                                 select a.Id).CountAsync(cancellationToken);

        var licensesOf = licenseList.Where(l => l.CustomerId is not null).ToLookup(l => (l.CustomerId!.Value, l.ProductId));
        var licensedProductsOf = licenseList.Where(l => l.CustomerId is not null).ToLookup(l => l.CustomerId!.Value, l => l.ProductId);
        var clients = clientList.Select(client =>
        {
            var licensed = licensedProductsOf[client.Id].ToHashSet();
            var projects = projectList
                .Where(p => p.CustomerId == client.Id || licensed.Contains(p.Id))
                .Select(p => new DashboardProject(p, licensesOf[(client.Id, p.Id)].ToList()))
                .ToList();
            return new DashboardClient(client, projects);
        }).ToList();

        return new DashboardDto(
            clientList.Count,
            projectList.Count,
            licenseList.Count,
            new LicenseStatusCounts(
                licenseList.Count(l => l.Status == LicenseStatus.Pending),
                licenseList.Count(l => l.Status == LicenseStatus.Active),
                licenseList.Count(l => l.Status == LicenseStatus.Expired),
                licenseList.Count(l => l.Status is LicenseStatus.Blocked or LicenseStatus.Invalid)),
            licenseList.Sum(l => l.ActiveActivations),
            validations,
            clients);
    }
}
