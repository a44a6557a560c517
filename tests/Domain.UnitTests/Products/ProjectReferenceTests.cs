using KeyBox.Domain.Common;
using KeyBox.Domain.Products;

namespace KeyBox.Domain.UnitTests.Products;

/// <summary>Reference ids generated for products created without one (KeyBox projects), and renaming.</summary>
public sealed class ProjectReferenceTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [TestCase("Photo Editor", "PHOTO-EDITOR")]
    [TestCase("  my_app v2.0!! ", "MY-APP-V2-0")]
    [TestCase("Café Crème", "CAF-CR-ME")]
    public void A_generated_reference_is_the_name_in_capitals_and_a_random_suffix(string name, string prefix)
    {
        var reference = Product.GenerateReferenceId(name);

        Assert.That(reference, Does.Match($"^{prefix}-[0-9A-HJKMNP-TV-Z]{{6}}$"));
        Assert.DoesNotThrow(() => Product.Create(Guid.NewGuid(), reference, name, new ProductDetails(), Now), "a valid reference id");
    }

    [Test]
    public void A_name_without_letters_or_digits_gets_a_generic_prefix_and_long_names_are_cut()
    {
        Assert.That(Product.GenerateReferenceId("日本語 !!"), Does.Match("^PROJECT-[0-9A-Z]{6}$"));
        var reference = Product.GenerateReferenceId(new string('a', 300));
        Assert.That(reference, Has.Length.EqualTo(40 + 7));
        Assert.That(reference.Length, Is.LessThanOrEqualTo(Product.ReferenceIdMaxLength));
    }

    [Test]
    public void Generated_references_differ()
    {
        var references = Enumerable.Range(0, 200).Select(_ => Product.GenerateReferenceId("App")).ToHashSet();

        Assert.That(references, Has.Count.EqualTo(200));
    }

    [Test]
    public void Rename_changes_only_the_name_and_refuses_a_blank_one()
    {
        var product = Product.Create(Guid.NewGuid(), "P-1", "Old", new ProductDetails(Description: "kept", IsActive: false), Now);

        product.Rename(" New ", Now.AddDays(1));

        Assert.That(product.Name, Is.EqualTo("New"));
        Assert.That(product.Description, Is.EqualTo("kept"));
        Assert.That(product.IsActive, Is.False);
        Assert.That(product.UpdatedAt, Is.EqualTo(Now.AddDays(1)));
        var error = Assert.Throws<DomainException>(() => product.Rename("  ", Now));
        Assert.That(error!.Field, Is.EqualTo("Name"));
    }
}
