using KeyBox.Domain.Accounts;
using KeyBox.Domain.Customers;
using KeyBox.Domain.Products;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KeyBox.Infrastructure.Persistence.Configurations;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> builder)
    {
        builder.ToTable("products");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.ReferenceId).HasMaxLength(Product.ReferenceIdMaxLength).IsRequired();
        builder.HasIndex(p => p.ReferenceId).IsUnique();
        builder.Property(p => p.Name).HasMaxLength(Product.NameMaxLength).IsRequired();
        builder.Property(p => p.Description).HasMaxLength(Product.DescriptionMaxLength);
        builder.Property(p => p.EnvatoId).HasMaxLength(Product.EnvatoIdMaxLength);
        builder.HasOne<User>().WithMany().HasForeignKey(p => p.OwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.OwnerId, p.Id });
        // Deleting a customer detaches the products made for it (KeyBox: DELETE /clients/{id}).
        builder.HasOne<Customer>().WithMany().HasForeignKey(p => p.CustomerId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(p => p.CustomerId);
        builder.Ignore(p => p.DomainEvents);
    }
}
