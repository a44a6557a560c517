using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Accounts;
using KeyBox.Domain.ApiKeys;
using KeyBox.Domain.Audit;
using KeyBox.Domain.Usage;
using KeyBox.Domain.Customers;
using KeyBox.Domain.Licenses;
using KeyBox.Domain.Products;
using KeyBox.Domain.Versions;
using KeyBox.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace KeyBox.Infrastructure.Persistence;

internal sealed class ReadStore(KeyBoxDbContext db) : IReadStore
{
    public IQueryable<Product> Products => db.Products.AsNoTracking();

    public IQueryable<ProductVersion> Versions => db.Versions.AsNoTracking();

    public IQueryable<ApiKey> ApiKeys => db.ApiKeys.AsNoTracking();

    public IQueryable<Customer> Customers => db.Customers.AsNoTracking();

    public IQueryable<License> Licenses => db.Licenses.AsNoTracking();

    // Activations carry no owner: they are reached through licenses, whose filter applies.
    public IQueryable<Activation> Activations => db.Activations.AsNoTracking();

    public IQueryable<WebhookEndpoint> WebhookEndpoints => db.WebhookEndpoints.AsNoTracking();

    public IQueryable<WebhookDelivery> WebhookDeliveries => db.WebhookDeliveries.AsNoTracking();

    public IQueryable<WebhookDeliveryAttempt> WebhookDeliveryAttempts => db.WebhookDeliveryAttempts.AsNoTracking();

    public IQueryable<LicenseEventMark> LicenseEventMarks => db.LicenseEventMarks.AsNoTracking();

    public IQueryable<User> Users => db.Users.AsNoTracking();

    public IQueryable<AuditEntry> AuditEntries => db.AuditEntries.AsNoTracking();

    public IQueryable<DailyUsage> DailyUsage => db.DailyUsage.AsNoTracking();
}
