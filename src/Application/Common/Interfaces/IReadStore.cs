using KeyBox.Domain.Accounts;
using KeyBox.Domain.ApiKeys;
using KeyBox.Domain.Audit;
using KeyBox.Domain.Customers;
using KeyBox.Domain.Licenses;
using KeyBox.Domain.Products;
using KeyBox.Domain.Usage;
using KeyBox.Domain.Versions;
using KeyBox.Domain.Webhooks;

namespace KeyBox.Application.Common.Interfaces;

/// <summary>
/// The read side: untracked queryables, already restricted to what the current actor may see, for queries
/// that project straight into DTOs. Commands go through the repositories instead.
/// </summary>
public interface IReadStore
{
    IQueryable<Product> Products { get; }

    IQueryable<ProductVersion> Versions { get; }

    IQueryable<ApiKey> ApiKeys { get; }

    IQueryable<Customer> Customers { get; }

    IQueryable<License> Licenses { get; }

    IQueryable<Activation> Activations { get; }

    IQueryable<WebhookEndpoint> WebhookEndpoints { get; }

    /// <summary>Not filtered by owner: reach them through <see cref="WebhookEndpoints"/>.</summary>
    IQueryable<WebhookDelivery> WebhookDeliveries { get; }

    IQueryable<WebhookDeliveryAttempt> WebhookDeliveryAttempts { get; }

    IQueryable<LicenseEventMark> LicenseEventMarks { get; }

    /// <summary>Accounts carry no owner: only admin-only use cases read them (<see cref="Security.IAdminOnly"/>).</summary>
    IQueryable<User> Users { get; }

    /// <summary>The activity log: an ADMIN sees every entry, a developer those of their own data or made by them.</summary>
    IQueryable<AuditEntry> AuditEntries { get; }

    /// <summary>Usage counters per owner, product and day, filtered by owner.</summary>
    IQueryable<DailyUsage> DailyUsage { get; }
}
