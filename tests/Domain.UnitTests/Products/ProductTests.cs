using KeyBox.Domain.Common;
using KeyBox.Domain.Products;

namespace KeyBox.Domain.UnitTests.Products;

public sealed class ProductTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Owner = Guid.NewGuid();

    [Test]
    public void Create_keeps_the_trimmed_values_and_the_details()
    {
        var product = Product.Create(Owner, "  PROD-001 ", " My Product ", new ProductDetails("About it", "12345", LicenseUpdate: true, ServeLatestUpdates: true, IsActive: false), Now);

        Assert.Multiple(() =>
        {
            Assert.That(product.Id, Is.Not.EqualTo(Guid.Empty));
            Assert.That(product.OwnerId, Is.EqualTo(Owner));
            Assert.That(product.ReferenceId, Is.EqualTo("PROD-001"));
            Assert.That(product.Name, Is.EqualTo("My Product"));
            Assert.That(product.Description, Is.EqualTo("About it"));
            Assert.That(product.EnvatoId, Is.EqualTo("12345"));
            Assert.That(product.LicenseUpdate, Is.True);
            Assert.That(product.ServeLatestUpdates, Is.True);
            Assert.That(product.IsActive, Is.False);
            Assert.That(product.CustomerId, Is.Null);
            Assert.That(product.CreatedAt, Is.EqualTo(Now));
            Assert.That(product.UpdatedAt, Is.EqualTo(Now));
        });
    }

    [Test]
    public void Blank_optional_details_become_null()
    {
        var product = Product.Create(Owner, "P", "Name", new ProductDetails(Description: "   ", EnvatoId: ""), Now);

        Assert.That(product.Description, Is.Null);
        Assert.That(product.EnvatoId, Is.Null);
        Assert.That(product.IsActive, Is.True);
    }

    [TestCase("PROD-001")]
    [TestCase("my_product.v2")]
    [TestCase("A")]
    public void Reference_ids_of_letters_digits_dash_underscore_and_dot_are_accepted(string referenceId)
    {
        Assert.That(Product.Create(Owner, referenceId, "Name", new ProductDetails(), Now).ReferenceId, Is.EqualTo(referenceId));
    }

    [TestCase("PROD 001")]
    [TestCase("PROD/001")]
    [TestCase("prod?x=1")]
    [TestCase("prodé")]
    [TestCase("a#b")]
    public void Reference_ids_with_other_characters_are_refused(string referenceId)
    {
        var ex = Assert.Throws<DomainException>(() => Product.Create(Owner, referenceId, "Name", new ProductDetails(), Now));

        Assert.That(ex!.Code, Is.EqualTo(ErrorCodes.ValidationFailed));
        Assert.That(ex.Field, Is.EqualTo("ReferenceId"));
    }

    [TestCase("")]
    [TestCase("   ")]
    public void A_reference_id_is_required(string referenceId)
    {
        var ex = Assert.Throws<DomainException>(() => Product.Create(Owner, referenceId, "Name", new ProductDetails(), Now));

        Assert.That(ex!.Field, Is.EqualTo("ReferenceId"));
        Assert.That(ex.Message, Is.EqualTo("The reference id is required."));
    }

    [Test]
    public void Over_long_values_are_refused_naming_their_field()
    {
        Assert.Multiple(() =>
        {
            Assert.That(FieldOf(() => Product.Create(Owner, new string('R', Product.ReferenceIdMaxLength + 1), "Name", new ProductDetails(), Now)), Is.EqualTo("ReferenceId"));
            Assert.That(FieldOf(() => Product.Create(Owner, "P", new string('n', Product.NameMaxLength + 1), new ProductDetails(), Now)), Is.EqualTo("Name"));
            Assert.That(FieldOf(() => Product.Create(Owner, "P", "Name", new ProductDetails(Description: new string('d', Product.DescriptionMaxLength + 1)), Now)), Is.EqualTo("Description"));
            Assert.That(FieldOf(() => Product.Create(Owner, "P", "Name", new ProductDetails(EnvatoId: new string('e', Product.EnvatoIdMaxLength + 1)), Now)), Is.EqualTo("EnvatoId"));
        });

        Assert.That(Product.Create(Owner, new string('R', Product.ReferenceIdMaxLength), new string('n', Product.NameMaxLength), new ProductDetails(), Now).Name,
            Has.Length.EqualTo(Product.NameMaxLength));
    }

    [Test]
    public void A_name_is_required_on_create_and_on_update()
    {
        Assert.That(FieldOf(() => Product.Create(Owner, "P", " ", new ProductDetails(), Now)), Is.EqualTo("Name"));

        var product = Product.Create(Owner, "P", "Name", new ProductDetails(), Now);
        Assert.That(FieldOf(() => product.Update("", new ProductDetails(), Now.AddMinutes(1))), Is.EqualTo("Name"));
        Assert.That(product.Name, Is.EqualTo("Name"));
    }

    [Test]
    public void Update_replaces_the_details_and_moves_updated_at_but_not_the_reference_id()
    {
        var product = Product.Create(Owner, "P-1", "Old", new ProductDetails("d", "e", true, true, true), Now);
        var later = Now.AddHours(1);

        product.Update("New", new ProductDetails(IsActive: false), later);

        Assert.Multiple(() =>
        {
            Assert.That(product.Name, Is.EqualTo("New"));
            Assert.That(product.ReferenceId, Is.EqualTo("P-1"));
            Assert.That(product.Description, Is.Null);
            Assert.That(product.LicenseUpdate, Is.False);
            Assert.That(product.IsActive, Is.False);
            Assert.That(product.CreatedAt, Is.EqualTo(Now));
            Assert.That(product.UpdatedAt, Is.EqualTo(later));
        });
    }

    [Test]
    public void Activate_and_deactivate_toggle_is_active()
    {
        var product = Product.Create(Owner, "P", "Name", new ProductDetails(), Now);

        product.Deactivate(Now.AddMinutes(1));
        Assert.That(product.IsActive, Is.False);
        Assert.That(product.UpdatedAt, Is.EqualTo(Now.AddMinutes(1)));

        product.Activate(Now.AddMinutes(2));
        Assert.That(product.IsActive, Is.True);
        Assert.That(product.UpdatedAt, Is.EqualTo(Now.AddMinutes(2)));
    }

    [Test]
    public void A_customer_can_be_assigned_and_removed()
    {
        var product = Product.Create(Owner, "P", "Name", new ProductDetails(), Now);
        var customer = Guid.NewGuid();

        product.AssignCustomer(customer, Now);
        Assert.That(product.CustomerId, Is.EqualTo(customer));

        product.AssignCustomer(null, Now);
        Assert.That(product.CustomerId, Is.Null);
    }

    private static string? FieldOf(TestDelegate action)
    {
        var ex = Assert.Throws<DomainException>(action);
        Assert.That(ex!.Code, Is.EqualTo(ErrorCodes.ValidationFailed));
        return ex.Field;
    }
}
