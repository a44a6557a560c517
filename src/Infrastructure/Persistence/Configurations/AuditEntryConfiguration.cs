using KeyBox.Domain.Audit;
using KeyBox.Domain.Usage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KeyBox.Infrastructure.Persistence.Configurations;

/// <summary>
/// The activity log. No foreign keys on purpose: an entry outlives the entity, account or key it names. Listed newest
/// first by id (time-ordered), filtered by owner, actor, entity or time: an index for each.
/// </summary>
internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_entries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Action).HasMaxLength(AuditEntry.ActionMaxLength).IsRequired();
        builder.Property(e => e.EntityType).HasMaxLength(AuditEntry.EntityTypeMaxLength).IsRequired();
        builder.Property(e => e.IpAddress).HasMaxLength(AuditEntry.IpAddressMaxLength);
        builder.Property(e => e.Surface).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(e => new { e.OwnerId, e.Id });
        builder.HasIndex(e => new { e.ActorUserId, e.Id });
        builder.HasIndex(e => new { e.EntityId, e.Id });
        builder.HasIndex(e => e.OccurredAt);
        builder.Ignore(e => e.DomainEvents);
    }
}

/// <summary>Usage counters: one row per owner, product, UTC day and kind, added to by an upsert.</summary>
internal sealed class DailyUsageConfiguration : IEntityTypeConfiguration<DailyUsage>
{
    public void Configure(EntityTypeBuilder<DailyUsage> builder)
    {
        builder.ToTable("daily_usage");
        builder.HasKey(u => new { u.OwnerId, u.ProductId, u.Day, u.Kind });
        builder.Property(u => u.Kind).HasConversion<short>();
        builder.HasIndex(u => new { u.Day, u.ProductId });
    }
}
