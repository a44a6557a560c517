using System.Text.Json.Serialization;
using KeyBox.Application.Dashboard.Queries.GetDashboard;

namespace KeyBox.WebApi.Contracts.KeyBox;

/// <summary>
/// <c>GET /dashboard</c>: counts and the caller's clients, each with the projects made for it or licensed to it, each
/// with that client's licenses. <c>activeActivations</c> counts seats in use; <c>validationsLast24h</c> counts the
/// activations validated (or activated) in the last 24 hours. The counts cover everything; the nested lists hold at
/// most <c>Lists:MaxItems</c> (default 1,000) clients, projects and licenses each, oldest first, and <c>truncated</c>
/// is true when one of them was cut (the paged <c>/clients</c>, <c>/projects</c> and <c>/license</c> lists give the rest).
/// </summary>
public sealed record DashboardResource(
    [property: JsonPropertyName("clientsCount")] int ClientsCount,
    [property: JsonPropertyName("projectsCount")] int ProjectsCount,
    [property: JsonPropertyName("licensesCount")] int LicensesCount,
    [property: JsonPropertyName("licensesByStatus")] LicensesByStatusResource LicensesByStatus,
    [property: JsonPropertyName("activeActivations")] int ActiveActivations,
    [property: JsonPropertyName("validationsLast24h")] int ValidationsLast24h,
    [property: JsonPropertyName("clients")] IReadOnlyList<DashboardClientResource> Clients,
    [property: JsonPropertyName("truncated")] bool Truncated)
{
    public static DashboardResource From(DashboardDto dashboard) => new(
        dashboard.ClientsCount,
        dashboard.ProjectsCount,
        dashboard.LicensesCount,
        new LicensesByStatusResource(dashboard.LicensesByStatus.Pending, dashboard.LicensesByStatus.Active, dashboard.LicensesByStatus.Expired, dashboard.LicensesByStatus.Revoked),
        dashboard.ActiveActivations,
        dashboard.ValidationsLast24h,
        dashboard.Clients.Select(c => new DashboardClientResource(
            c.Client.Id, c.Client.Name, c.Client.Email, c.Client.CreatedAt,
            c.Projects.Select(p => new DashboardProjectResource(
                p.Project.Id, p.Project.Name, p.Project.CustomerId, p.Project.CreatedAt, p.Project.ReferenceId,
                p.Licenses.Select(LicenseResource.From).ToList())).ToList())).ToList(),
        dashboard.Truncated);
}

public sealed record LicensesByStatusResource(
    [property: JsonPropertyName("pending")] int Pending,
    [property: JsonPropertyName("active")] int Active,
    [property: JsonPropertyName("expired")] int Expired,
    [property: JsonPropertyName("revoked")] int Revoked);

/// <summary>A client (as in <c>/clients</c>) with its projects.</summary>
public sealed record DashboardClientResource(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("createdAt")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("projects")] IReadOnlyList<DashboardProjectResource> Projects);

/// <summary>A project (as in <c>/projects</c>) with the client's licenses for it.</summary>
public sealed record DashboardProjectResource(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("clientId")] Guid? ClientId,
    [property: JsonPropertyName("createdAt")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("referenceId")] string ReferenceId,
    [property: JsonPropertyName("licenses")] IReadOnlyList<LicenseResource> Licenses);
