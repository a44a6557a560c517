using KeyBox.Domain.Products;
using KeyBox.Domain.Versions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KeyBox.Infrastructure.Persistence.Configurations;

internal sealed class ProductVersionConfiguration : IEntityTypeConfiguration<ProductVersion>
{
    public void Configure(EntityTypeBuilder<ProductVersion> builder)
    {
        builder.ToTable("product_versions");
        builder.HasKey(v => v.Id);
        builder.HasOne<Product>().WithMany().HasForeignKey(v => v.ProductId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(v => v.VersionId).HasMaxLength(ProductVersion.VersionIdMaxLength).IsRequired();
        builder.HasIndex(v => new { v.ProductId, v.VersionId }).IsUnique();
        builder.HasIndex(v => v.VersionId);
        builder.Property(v => v.Version).HasMaxLength(ProductVersion.VersionMaxLength).IsRequired();
        builder.Property(v => v.Summary).HasMaxLength(ProductVersion.SummaryMaxLength);
        builder.Property(v => v.Changelog).HasMaxLength(ProductVersion.ChangelogMaxLength);
        builder.OwnsOne(v => v.MainFile, file => ConfigureFile(file, "main_file"));
        builder.OwnsOne(v => v.SqlFile, file => ConfigureFile(file, "sql_file"));
        builder.Ignore(v => v.SemanticVersion);
        builder.Ignore(v => v.HasSql);
        builder.Ignore(v => v.DomainEvents);
    }

    private static void ConfigureFile(OwnedNavigationBuilder<ProductVersion, VersionFile> file, string prefix)
    {
        file.Property(f => f.StorageKey).HasColumnName($"{prefix}_storage_key").HasMaxLength(500);
        file.Property(f => f.FileName).HasColumnName($"{prefix}_name").HasMaxLength(255);
        file.Property(f => f.ContentType).HasColumnName($"{prefix}_content_type").HasMaxLength(100);
        file.Property(f => f.Size).HasColumnName($"{prefix}_size");
        file.Property(f => f.Sha256).HasColumnName($"{prefix}_sha256").HasMaxLength(64);
        file.Property(f => f.UploadedAt).HasColumnName($"{prefix}_uploaded_at");
    }
}
