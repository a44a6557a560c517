using KeyBox.Domain.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KeyBox.Infrastructure.Persistence.Configurations;

internal sealed class ServerSettingsConfiguration : IEntityTypeConfiguration<ServerSettings>
{
    public void Configure(EntityTypeBuilder<ServerSettings> builder)
    {
        builder.ToTable("server_settings");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.RequestsPerMinute).IsRequired();
        builder.Property(s => s.RateLimitMethod).HasConversion<string>().HasMaxLength(32).IsRequired();
        builder.Ignore(s => s.DomainEvents);
    }
}
