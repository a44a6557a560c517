using KeyBox.Domain.Accounts;
using KeyBox.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KeyBox.Infrastructure.Persistence.Configurations;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.ToTable("customers");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Name).HasMaxLength(Customer.NameMaxLength).IsRequired();
        builder.Property(c => c.Email).HasMaxLength(Customer.EmailMaxLength);
        builder.Property(c => c.Reference).HasMaxLength(Customer.ReferenceMaxLength);
        builder.HasOne<User>().WithMany().HasForeignKey(c => c.OwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.OwnerId, c.Email }).IsUnique().HasFilter("email IS NOT NULL");
        builder.HasIndex(c => new { c.OwnerId, c.Reference }).IsUnique().HasFilter("reference IS NOT NULL");
        builder.HasIndex(c => c.Reference);
        builder.Ignore(c => c.DomainEvents);
    }
}
