using KeyBox.Domain.Accounts;
using KeyBox.Domain.ApiKeys;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KeyBox.Infrastructure.Persistence.Configurations;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("api_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Name).HasMaxLength(ApiKey.NameMaxLength).IsRequired();
        builder.Property(k => k.Type).HasConversion<string>().HasMaxLength(20);
        builder.Property(k => k.KeyHash).HasMaxLength(64).IsRequired();
        builder.HasIndex(k => k.KeyHash).IsUnique();
        builder.Property(k => k.Prefix).HasMaxLength(ApiKey.PrefixLength).IsRequired();
        builder.HasOne<User>().WithMany().HasForeignKey(k => k.OwnerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(k => k.OwnerId);
        builder.Ignore(k => k.IsRevoked);
        builder.Ignore(k => k.DomainEvents);
    }
}
