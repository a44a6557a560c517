using KeyBox.Domain.Accounts;
using KeyBox.Domain.Licenses;
using KeyBox.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KeyBox.Infrastructure.Persistence.Configurations;

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> builder)
    {
        builder.ToTable("webhook_endpoints");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Url).HasMaxLength(WebhookEndpoint.UrlMaxLength).IsRequired();
        // Stored encrypted (a converter set in KeyBoxDbContext.OnModelCreating): longer than the secret, hence text.
        builder.Property(e => e.Secret).IsRequired();
        builder.Property(e => e.Events).HasField("_events").UsePropertyAccessMode(PropertyAccessMode.Field).HasColumnType("text[]");
        builder.HasOne<User>().WithMany().HasForeignKey(e => e.OwnerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => new { e.OwnerId, e.Id });
        builder.Ignore(e => e.DomainEvents);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("webhook_deliveries");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.EventType).HasMaxLength(WebhookEventTypes.MaxLength).IsRequired();
        builder.Property(d => d.Body).IsRequired();
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.LastError).HasMaxLength(WebhookDeliveryAttempt.ErrorMaxLength);
        // A redelivery must not overwrite a claim a dispatcher made in the meantime (nor its result).
        builder.Property(d => d.ClaimToken).IsConcurrencyToken();
        builder.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(d => d.EndpointId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => new { d.EndpointId, d.Id });
        // The dispatcher's claim: due rows in next_attempt_at order; delivered and failed rows leave the index.
        builder.HasIndex(d => d.NextAttemptAt, "ix_webhook_deliveries_due").HasFilter("status IN ('Pending', 'Sending')");
        builder.Ignore(d => d.DomainEvents);
    }
}

internal sealed class WebhookDeliveryAttemptConfiguration : IEntityTypeConfiguration<WebhookDeliveryAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookDeliveryAttempt> builder)
    {
        builder.ToTable("webhook_delivery_attempts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Error).HasMaxLength(WebhookDeliveryAttempt.ErrorMaxLength);
        builder.HasOne<WebhookDelivery>().WithMany().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.DeliveryId, a.AttemptedAt });
    }
}

internal sealed class LicenseEventMarkConfiguration : IEntityTypeConfiguration<LicenseEventMark>
{
    public void Configure(EntityTypeBuilder<LicenseEventMark> builder)
    {
        builder.ToTable("license_event_marks");
        builder.HasKey(m => new { m.LicenseId, m.EventType, m.ConditionDate });
        builder.Property(m => m.EventType).HasMaxLength(WebhookEventTypes.MaxLength);
        builder.HasOne<License>().WithMany().HasForeignKey(m => m.LicenseId).OnDelete(DeleteBehavior.Cascade);
    }
}
