using KeyBox.Infrastructure.Signing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KeyBox.Infrastructure.Persistence.Configurations;

internal sealed class SigningKeyConfiguration : IEntityTypeConfiguration<StoredSigningKey>
{
    public void Configure(EntityTypeBuilder<StoredSigningKey> builder)
    {
        builder.ToTable("signing_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).HasMaxLength(64).ValueGeneratedNever();
        builder.Property(k => k.PublicKey).HasMaxLength(64).IsRequired();
        builder.Property(k => k.PrivateKey).IsRequired();
    }
}
