using KeyBox.Domain.Downloads;
using KeyBox.Domain.Versions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KeyBox.Infrastructure.Persistence.Configurations;

/// <summary>
/// The download log. No foreign keys on purpose: an audit record outlives the product, version, license or
/// activation it names, and batch inserts never fail on a row deleted meanwhile.
/// </summary>
internal sealed class DownloadConfiguration : IEntityTypeConfiguration<Download>
{
    public void Configure(EntityTypeBuilder<Download> builder)
    {
        builder.ToTable("downloads");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.UpdateId).HasMaxLength(Download.UpdateIdMaxLength).IsRequired();
        builder.Property(d => d.FileKind).HasConversion(k => k == VersionFileKind.Main ? "main" : "sql", s => s == "main" ? VersionFileKind.Main : VersionFileKind.Sql).HasMaxLength(10);
        builder.Property(d => d.IpAddress).HasMaxLength(Download.IpAddressMaxLength);
        builder.HasIndex(d => new { d.ProductId, d.DownloadedAt });
        builder.HasIndex(d => new { d.VersionId, d.DownloadedAt });
        builder.HasIndex(d => d.LicenseId).HasFilter("license_id IS NOT NULL");
        builder.HasIndex(d => d.DownloadedAt);
        builder.Ignore(d => d.DomainEvents);
    }
}
