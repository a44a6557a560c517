using System.Text.Json;
using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Accounts;
using KeyBox.Domain.ApiKeys;
using KeyBox.Domain.Audit;
using KeyBox.Domain.Usage;
using KeyBox.Domain.Customers;
using KeyBox.Domain.Licenses;

using KeyBox.Domain.Downloads;
using KeyBox.Domain.Products;
using KeyBox.Domain.Versions;
using KeyBox.Domain.Webhooks;
using KeyBox.Infrastructure.Secrets;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace KeyBox.Infrastructure.Persistence;

/// <summary>
/// The database session. Instances are pooled (see <c>AddInfrastructure</c>): a request rents one and
/// <see cref="Actor"/> is set for it; it is cleared when the instance goes back to the pool.
/// </summary>
public sealed class KeyBoxDbContext(DbContextOptions<KeyBoxDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    private ICurrentActor? _actor;

    /// <summary>Whose rows this session may see; unset, every owner-filtered query fails (closed by default).</summary>
    internal ICurrentActor Actor
    {
        get => _actor ?? throw new InvalidOperationException("The database session was used without an actor.");
        set => _actor = value;
    }

    /// <summary>Encrypts the secret columns (see <see cref="SecretProtectionOptionsExtension"/>); given through the options.</summary>
    internal ISecretProtector? SecretProtector { get; } = options.FindExtension<SecretProtectionOptionsExtension>()?.Protector;

    public DbSet<User> Users => Set<User>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<Product> Products => Set<Product>();

    public DbSet<ProductVersion> Versions => Set<ProductVersion>();

    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<License> Licenses => Set<License>();

    public DbSet<Activation> Activations => Set<Activation>();

    public DbSet<Download> Downloads => Set<Download>();

    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();

    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    public DbSet<WebhookDeliveryAttempt> WebhookDeliveryAttempts => Set<WebhookDeliveryAttempt>();

    public DbSet<LicenseEventMark> LicenseEventMarks => Set<LicenseEventMark>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<DailyUsage> DailyUsage => Set<DailyUsage>();

    /// <summary>The ASP.NET Core Data Protection key ring (console cookies, antiforgery tokens), shared by every process.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    // Read by the owner query filters below: EF evaluates it per context instance, i.e. per request. Null means
    // "sees everything" (an admin, or no principal); EF Core writes different SQL for a null and a non-null parameter,
    // so an admin's statements carry no owner condition at all and a developer's carry `owner_id = @p` — each can
    // then use a cached generic plan in PostgreSQL (an `@all OR owner_id = @p` condition made it plan every call).
    // The rule itself (not an admin and no user id: Guid.Empty, which owns nothing) is ICurrentActor.OwnerScope.
    internal Guid? OwnerScope => Actor.OwnerScope;

    public override void Dispose()
    {
        _actor = null;
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        _actor = null;
        return base.DisposeAsync();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(KeyBoxDbContext).Assembly);

        // Secrets at rest: the domain holds the plain webhook secret, the column only its encrypted form.
        var protector = SecretProtector
            ?? throw new InvalidOperationException("The database session was configured without a secret protector (UseSecretProtector).");
        modelBuilder.Entity<WebhookEndpoint>().Property(e => e.Secret)
            .HasConversion(SecretProtectionOptionsExtension.Converter(protector, SecretPurposes.WebhookSecret));

        // Ownership is enforced here, once: a developer's requests only ever see their own rows.
        modelBuilder.Entity<Product>().HasQueryFilter(p => OwnerScope == null || p.OwnerId == OwnerScope);
        modelBuilder.Entity<ApiKey>().HasQueryFilter(k => OwnerScope == null || k.OwnerId == OwnerScope);
        modelBuilder.Entity<Customer>().HasQueryFilter(c => OwnerScope == null || c.OwnerId == OwnerScope);
        modelBuilder.Entity<License>().HasQueryFilter(l => OwnerScope == null || l.OwnerId == OwnerScope);
        modelBuilder.Entity<WebhookEndpoint>().HasQueryFilter(e => OwnerScope == null || e.OwnerId == OwnerScope);
        // The activity log: a developer sees the entries of their own data, and those of the changes they made.
        modelBuilder.Entity<AuditEntry>().HasQueryFilter(e => OwnerScope == null || e.OwnerId == OwnerScope || e.ActorUserId == OwnerScope);
        modelBuilder.Entity<DailyUsage>().HasQueryFilter(u => OwnerScope == null || u.OwnerId == OwnerScope);

        // Ids are assigned by the domain (time-ordered GUIDs), never by the database: a new child reached
        // through a navigation (an aggregate's new Activation) is then inserted, not mistaken for an update.
        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(e => !e.IsOwned()))
        {
            if (entity.FindPrimaryKey()?.Properties is [{ ClrType: var type } key] && type == typeof(Guid))
            {
                key.ValueGenerated = Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never;
            }
        }

        ApplySnakeCaseNames(modelBuilder);
    }

    private static void ApplySnakeCaseNames(ModelBuilder modelBuilder)
    {
        var policy = JsonNamingPolicy.SnakeCaseLower;
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            if (!entity.IsOwned() && entity.GetTableName() is { } table && entity.FindAnnotation(RelationalAnnotationNames.TableName) is null)
            {
                entity.SetTableName(policy.ConvertName(table));
            }

            var tableId = StoreObjectIdentifier.Create(entity, StoreObjectType.Table);
            foreach (var property in entity.GetProperties())
            {
                if (property.FindAnnotation(RelationalAnnotationNames.ColumnName) is null && tableId is { } id)
                {
                    var column = property.GetColumnName(id) ?? property.Name;
                    property.SetColumnName(policy.ConvertName(column));
                }
            }
        }
    }
}
