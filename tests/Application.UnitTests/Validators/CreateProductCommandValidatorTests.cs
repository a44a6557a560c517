using KeyBox.Application.Products.Commands.CreateProduct;
using KeyBox.Domain.Products;

namespace KeyBox.Application.UnitTests.Validators;

public sealed class CreateProductCommandValidatorTests
{
    private readonly CreateProductCommandValidator _validator = new();

    private static CreateProductCommand Valid() => new("PROD-001", "My Product", "About", "123", false, false, true);

    private string[] FailingFields(CreateProductCommand command) =>
        _validator.Validate(command).Errors.Select(e => e.PropertyName).Distinct().ToArray();

    [Test]
    public void A_complete_command_is_valid()
    {
        Assert.That(_validator.Validate(Valid()).IsValid, Is.True);
        Assert.That(_validator.Validate(Valid() with { Description = null, EnvatoId = null }).IsValid, Is.True);
    }

    [TestCase("")]
    [TestCase("PROD 001")]
    [TestCase("PROD/001")]
    [TestCase("prodé")]
    public void A_missing_or_ill_formed_reference_id_fails_on_ReferenceId(string referenceId)
    {
        Assert.That(FailingFields(Valid() with { ReferenceId = referenceId }), Is.EqualTo(new[] { "ReferenceId" }));
    }

    [Test]
    public void Reference_id_characters_are_explained()
    {
        var errors = _validator.Validate(Valid() with { ReferenceId = "a b" }).Errors;

        Assert.That(errors.Select(e => e.ErrorMessage), Does.Contain("The reference_id may contain only letters, digits, '-', '_' and '.', and must not be already in use."));
    }

    [Test]
    public void Lengths_are_limited_as_in_the_domain()
    {
        Assert.Multiple(() =>
        {
            Assert.That(FailingFields(Valid() with { ReferenceId = new string('R', Product.ReferenceIdMaxLength + 1) }), Is.EqualTo(new[] { "ReferenceId" }));
            Assert.That(FailingFields(Valid() with { Name = new string('n', Product.NameMaxLength + 1) }), Is.EqualTo(new[] { "Name" }));
            Assert.That(FailingFields(Valid() with { Description = new string('d', Product.DescriptionMaxLength + 1) }), Is.EqualTo(new[] { "Description" }));
            Assert.That(FailingFields(Valid() with { EnvatoId = new string('e', Product.EnvatoIdMaxLength + 1) }), Is.EqualTo(new[] { "EnvatoId" }));
            Assert.That(FailingFields(Valid() with { ReferenceId = new string('R', Product.ReferenceIdMaxLength), Name = new string('n', Product.NameMaxLength) }), Is.Empty);
        });
    }

    [Test]
    public void A_name_is_required()
    {
        Assert.That(FailingFields(Valid() with { Name = "" }), Is.EqualTo(new[] { "Name" }));
    }

    [Test]
    public void Every_failure_is_reported_at_once()
    {
        Assert.That(FailingFields(new CreateProductCommand("", "", null, null, false, false, true)), Is.EquivalentTo(new[] { "ReferenceId", "Name" }));
    }
}
