using KeyBox.Domain.Accounts;
using KeyBox.Domain.Customers;
using KeyBox.Domain.Licenses;
using KeyBox.Domain.Products;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KeyBox.Infrastructure.Persistence.Configurations;

internal sealed class LicenseConfiguration : IEntityTypeConfiguration<License>
{
    public void Configure(EntityTypeBuilder<License> builder)
    {
        builder.ToTable("licenses");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.LicenseCode).HasMaxLength(LicenseCode.MaxLength).IsRequired();
        builder.HasIndex(l => l.LicenseCode).IsUnique();
        // License search (ListLicenses): a prefix of the code or e-mail is a range in ordinal (COLLATE "C") order,
        // whatever the database's collation, and the results are paged in that same order, so one index range
        // scan both finds and orders a page: (code) for code matches, (email, id) for e-mail matches.
        builder.HasIndex(l => l.LicenseCode, "ix_licenses_license_code_ordinal").UseCollation("C");
        builder.Property(l => l.Email).HasMaxLength(License.EmailMaxLength);
        builder.HasIndex(l => new { l.Email, l.Id }, "ix_licenses_email_ordinal_id").UseCollation("C", null!);
        builder.Property(l => l.Type).HasConversion<string>().HasMaxLength(20);
        builder.Property(l => l.Domains).HasField("_domains").UsePropertyAccessMode(PropertyAccessMode.Field).HasColumnType("text[]");
        builder.Property(l => l.Ips).HasField("_ips").UsePropertyAccessMode(PropertyAccessMode.Field).HasColumnType("text[]");
        builder.Property(l => l.Services).HasField("_services").UsePropertyAccessMode(PropertyAccessMode.Field).HasColumnType("text[]");
        builder.HasOne<Product>().WithMany().HasForeignKey(l => l.ProductId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Customer>().WithMany().HasForeignKey(l => l.CustomerId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<User>().WithMany().HasForeignKey(l => l.OwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(l => new { l.ProductId, l.Id });
        builder.HasIndex(l => new { l.CustomerId, l.Id });
        builder.HasIndex(l => new { l.OwnerId, l.Id });
        // The scheduled webhook scan looks licenses up by expiry and end of update support (date ranges).
        builder.HasIndex(l => l.ExpiresAt);
        builder.HasIndex(l => l.UpdatesUntil);
        builder.HasMany(l => l.Activations).WithOne().HasForeignKey(a => a.LicenseId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(l => l.Activations).HasField("_activations").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(l => l.ActiveActivationCount);
        builder.Ignore(l => l.DomainEvents);
    }
}

internal sealed class ActivationConfiguration : IEntityTypeConfiguration<Activation>
{
    public void Configure(EntityTypeBuilder<Activation> builder)
    {
        builder.ToTable("activations");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Domain).HasMaxLength(Activation.DomainMaxLength);
        builder.Property(a => a.Url).HasMaxLength(Activation.UrlMaxLength);
        builder.Property(a => a.Ip).HasMaxLength(64);
        builder.Property(a => a.MachineId).HasMaxLength(Activation.MachineIdMaxLength);
        builder.Property(a => a.InstanceId).HasMaxLength(Activation.InstanceIdMaxLength);
        builder.Property(a => a.ClientName).HasMaxLength(Activation.ClientNameMaxLength);
        builder.Property(a => a.Language).HasMaxLength(Activation.LanguageMaxLength);
        builder.HasIndex(a => new { a.LicenseId, a.IsActive });
        builder.Ignore(a => a.DomainEvents);
    }
}
