using System.Security.Cryptography;
using System.Text;
using KeyBox.Domain.Common;

namespace KeyBox.Domain.Products;

/// <summary>A product of the vendor's catalogue (the KeyBox API calls it a project).</summary>
public sealed class Product : Entity, IAggregateRoot
{
    public const int ReferenceIdMaxLength = 100;
    public const int NameMaxLength = 200;
    public const int DescriptionMaxLength = 5000;
    public const int EnvatoIdMaxLength = 50;

    private Product()
    {
        ReferenceId = string.Empty;
        Name = string.Empty;
    }

    private Product(Guid ownerId, string referenceId, string name, DateTimeOffset now)
    {
        OwnerId = ownerId;
        ReferenceId = ValidateReferenceId(referenceId);
        Name = Guard.Required(name, "Name", NameMaxLength);
        IsActive = true;
        CreatedAt = now;
        UpdatedAt = now;
    }

    public Guid OwnerId { get; private set; }

    /// <summary>The vendor's unique reference, e.g. <c>PROD-001</c>; clients send it as <c>product_id</c>.</summary>
    public string ReferenceId { get; private set; }

    public string Name { get; private set; }

    public string? Description { get; private set; }

    public string? EnvatoId { get; private set; }

    public bool IsActive { get; private set; }

    /// <summary>A valid license is required to download updates.</summary>
    public bool LicenseUpdate { get; private set; }

    /// <summary>Update checks offer the newest version directly instead of the next one.</summary>
    public bool ServeLatestUpdates { get; private set; }

    /// <summary>The customer (KeyBox: client) the product was made for, if any.</summary>
    public Guid? CustomerId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static Product Create(Guid ownerId, string referenceId, string name, ProductDetails details, DateTimeOffset now)
    {
        var product = new Product(ownerId, referenceId, name, now);
        product.Apply(details);
        return product;
    }

    public void Update(string name, ProductDetails details, DateTimeOffset now)
    {
        Name = Guard.Required(name, "Name", NameMaxLength);
        Apply(details);
        UpdatedAt = now;
    }

    public void Rename(string name, DateTimeOffset now)
    {
        Name = Guard.Required(name, "Name", NameMaxLength);
        UpdatedAt = now;
    }

    /// <summary>
    /// A fresh reference id for a product named <paramref name="name"/> when the vendor gives none (KeyBox projects):
    /// the name's ASCII letters and digits in upper case, anything else a dash (at most 40), a dash, and 6 random characters, e.g.
    /// <c>MY-APP-7KQ2MX</c>. Callers check uniqueness (and the database's unique index has the last word).
    /// </summary>
    public static string GenerateReferenceId(string name)
    {
        const int slugMaxLength = 40;
        const string alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        var slug = new StringBuilder(slugMaxLength);
        foreach (var c in name)
        {
            if (slug.Length == slugMaxLength)
            {
                break;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(char.ToUpperInvariant(c));
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var prefix = slug.ToString().Trim('-');
        Span<byte> random = stackalloc byte[6];
        RandomNumberGenerator.Fill(random);
        Span<char> suffix = stackalloc char[6];
        for (var i = 0; i < suffix.Length; i++)
        {
            suffix[i] = alphabet[random[i] & 31];
        }

        return prefix.Length == 0 ? "PROJECT-" + new string(suffix) : prefix + "-" + new string(suffix);
    }

    public void Activate(DateTimeOffset now)
    {
        IsActive = true;
        UpdatedAt = now;
    }

    public void Deactivate(DateTimeOffset now)
    {
        IsActive = false;
        UpdatedAt = now;
    }

    public void AssignCustomer(Guid? customerId, DateTimeOffset now)
    {
        CustomerId = customerId;
        UpdatedAt = now;
    }

    private void Apply(ProductDetails details)
    {
        Description = Guard.Optional(details.Description, "Description", DescriptionMaxLength);
        EnvatoId = Guard.Optional(details.EnvatoId, "EnvatoId", EnvatoIdMaxLength);
        LicenseUpdate = details.LicenseUpdate;
        ServeLatestUpdates = details.ServeLatestUpdates;
        IsActive = details.IsActive;
    }

    private static string ValidateReferenceId(string referenceId)
    {
        var value = Guard.Required(referenceId, "ReferenceId", ReferenceIdMaxLength);
        if (!value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new DomainException(ErrorCodes.ValidationFailed, "The reference_id may contain only letters, digits, '-', '_' and '.'.", "ReferenceId");
        }

        return value;
    }
}

/// <summary>The editable attributes of a product besides its name.</summary>
public sealed record ProductDetails(
    string? Description = null,
    string? EnvatoId = null,
    bool LicenseUpdate = false,
    bool ServeLatestUpdates = false,
    bool IsActive = true);
