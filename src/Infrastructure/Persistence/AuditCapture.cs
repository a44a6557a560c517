using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using KeyBox.Application.Audit;
using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Accounts;
using KeyBox.Domain.ApiKeys;
using KeyBox.Domain.Audit;
using KeyBox.Domain.Common;
using KeyBox.Domain.Customers;
using KeyBox.Domain.Licenses;
using KeyBox.Domain.Products;
using KeyBox.Domain.Settings;
using KeyBox.Domain.Versions;
using KeyBox.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace KeyBox.Infrastructure.Persistence;

/// <summary>
/// Writes the activity-log entry of the command in progress (<see cref="AuditTrail"/>) into the save that carries its
/// changes: same transaction, same round trip, nothing to lose or to batch. The entity is the aggregate the save
/// changes (an activation's change is its license's; the entity type the action names wins when several change), and
/// its owner is that aggregate's owner: that is whose log the entry appears in (the actor sees it too).
/// </summary>
internal sealed class AuditCapture(AuditTrail trail, ICurrentActor actor, IRequestOrigin origin, TimeProvider clock)
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo?> OwnerProperties = new();

    public void AddEntry(KeyBoxDbContext db)
    {
        if (trail.Action is not { } action || trail.Written)
        {
            return;
        }

        var candidates = new List<Candidate>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && Describe(entry.Entity, db) is { } candidate)
            {
                candidates.Add(candidate);
            }
        }

        if (candidates.Count == 0)
        {
            return;
        }

        var chosen = candidates.Where(c => c.Type == trail.EntityHint).OrderBy(c => c.Rank).FirstOrDefault()
            ?? candidates.OrderBy(c => c.Rank).First();
        var owner = chosen.Owner ?? (chosen.Type == "settings" || actor.SeesEverything ? null : actor.UserId);
        db.AuditEntries.Add(AuditEntry.Record(
            action, chosen.Type, chosen.Id, owner, actor.UserId, origin.ApiKeyId, origin.IpAddress, origin.Surface, clock.GetUtcNow()));
        trail.MarkWritten();
    }

    private static Candidate? Describe(object entity, KeyBoxDbContext db) => entity switch
    {
        AuditEntry => null,
        License l => new(0, "license", l.Id, l.OwnerId),
        Product p => new(0, "product", p.Id, p.OwnerId),
        Customer c => new(0, "customer", c.Id, c.OwnerId),
        ApiKey k => new(0, "api_key", k.Id, k.OwnerId),
        WebhookEndpoint w => new(0, "webhook", w.Id, w.OwnerId),
        User u => new(0, "user", u.Id, u.Id),
        ServerSettings => new(0, "settings", null, null),
        Activation a => new(1, "license", a.LicenseId, Tracked<License>(db, a.LicenseId)?.OwnerId),
        ProductVersion v => new(1, "version", v.Id, Tracked<Product>(db, v.ProductId)?.OwnerId),
        WebhookDelivery d => new(2, "webhook", d.EndpointId, Tracked<WebhookEndpoint>(db, d.EndpointId)?.OwnerId),
        // Bookkeeping rows (downloads, event marks, delivery attempts, keys) are not changes anyone made.
        Entity e when OwnerOf(e) is { } owner => new(3, JsonNamingPolicy.SnakeCaseLower.ConvertName(e.GetType().Name), e.Id, owner),
        _ => null,
    };

    private static T? Tracked<T>(KeyBoxDbContext db, Guid id) where T : Entity =>
        db.ChangeTracker.Entries<T>().Select(e => e.Entity).FirstOrDefault(e => e.Id == id);

    /// <summary>Aggregates added later (policies, ...) are logged without a change here when they carry an <c>OwnerId</c>.</summary>
    private static Guid? OwnerOf(Entity entity)
    {
        var property = OwnerProperties.GetOrAdd(entity.GetType(), t => t.GetProperty("OwnerId") is { PropertyType: var type } p && type == typeof(Guid) ? p : null);
        return property?.GetValue(entity) as Guid?;
    }

    private sealed record Candidate(int Rank, string Type, Guid? Id, Guid? Owner);
}
