using KeyBox.Infrastructure.LicenseData;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KeyBox.Infrastructure.Persistence.Configurations;

internal sealed class LicenseDataKeyConfiguration : IEntityTypeConfiguration<StoredLicenseDataKey>
{
    public void Configure(EntityTypeBuilder<StoredLicenseDataKey> builder)
    {
        builder.ToTable("license_data_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).ValueGeneratedNever();
        builder.Property(k => k.Cipher).HasMaxLength(20).IsRequired();
        builder.Property(k => k.Material).IsRequired();
    }
}
