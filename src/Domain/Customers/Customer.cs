using System.Net.Mail;
using KeyBox.Domain.Common;

namespace KeyBox.Domain.Customers;

/// <summary>A customer of the vendor (the KeyBox API calls it a client); licenses are issued to customers.</summary>
public sealed class Customer : Entity, IAggregateRoot
{
    public const int NameMaxLength = 200;
    public const int EmailMaxLength = 320;
    public const int ReferenceMaxLength = 100;

    private Customer()
    {
        Name = string.Empty;
    }

    private Customer(Guid ownerId, string name, string? email, string? reference, DateTimeOffset now)
    {
        OwnerId = ownerId;
        Name = Guard.Required(name, "Name", NameMaxLength);
        Email = NormalizeEmail(email);
        Reference = Guard.Optional(reference, "CustomerId", ReferenceMaxLength);
        CreatedAt = now;
        UpdatedAt = now;
    }

    public Guid OwnerId { get; private set; }

    public string Name { get; private set; }

    /// <summary>Lower-cased; unique per owner when present.</summary>
    public string? Email { get; private set; }

    /// <summary>The vendor's own reference, e.g. <c>CUST-001</c> (the internal API's <c>customer_id</c>); unique per owner.</summary>
    public string? Reference { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static Customer Create(Guid ownerId, string name, string? email, string? reference, DateTimeOffset now) =>
        new(ownerId, name, email, reference, now);

    public void Update(string name, string? email, DateTimeOffset now)
    {
        Name = Guard.Required(name, "Name", NameMaxLength);
        Email = NormalizeEmail(email);
        UpdatedAt = now;
    }

    public void AssignReference(string reference, DateTimeOffset now)
    {
        Reference = Guard.Required(reference, "CustomerId", ReferenceMaxLength);
        UpdatedAt = now;
    }

    public static string? NormalizeEmail(string? email)
    {
        var value = Guard.Optional(email, "Email", EmailMaxLength);
        if (value is null)
        {
            return null;
        }

        if (!MailAddress.TryCreate(value, out var parsed) || parsed.Address != value)
        {
            throw Guard.Invalid("Email", "The email must be a valid email address.");
        }

        return value.ToLowerInvariant();
    }
}
