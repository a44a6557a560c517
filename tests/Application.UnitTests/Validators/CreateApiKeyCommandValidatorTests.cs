using KeyBox.Application.ApiKeys.Commands.CreateApiKey;
using KeyBox.Domain.ApiKeys;
using Microsoft.Extensions.Time.Testing;

namespace KeyBox.Application.UnitTests.Validators;

public sealed class CreateApiKeyCommandValidatorTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Now);
    private CreateApiKeyCommandValidator _validator = null!;

    [SetUp]
    public void CreateValidator() => _validator = new CreateApiKeyCommandValidator(_clock);

    private string[] FailingFields(CreateApiKeyCommand command) =>
        _validator.Validate(command).Errors.Select(e => e.PropertyName).Distinct().ToArray();

    [Test]
    public void A_named_key_of_a_known_type_is_valid_with_or_without_a_future_expiry()
    {
        Assert.That(FailingFields(new CreateApiKeyCommand("CI", ApiKeyType.External, null)), Is.Empty);
        Assert.That(FailingFields(new CreateApiKeyCommand("CI", ApiKeyType.Internal, Now.AddDays(30))), Is.Empty);
    }

    [TestCase("")]
    [TestCase(null)]
    public void A_name_is_required(string? name)
    {
        Assert.That(FailingFields(new CreateApiKeyCommand(name!, ApiKeyType.External, null)), Is.EqualTo(new[] { "Name" }));
    }

    [Test]
    public void A_name_longer_than_the_maximum_fails()
    {
        Assert.That(FailingFields(new CreateApiKeyCommand(new string('n', ApiKey.NameMaxLength + 1), ApiKeyType.External, null)), Is.EqualTo(new[] { "Name" }));
    }

    [Test]
    public void A_missing_type_fails_with_a_message_naming_the_allowed_types()
    {
        var result = _validator.Validate(new CreateApiKeyCommand("CI", null, null));

        Assert.That(result.Errors.Select(e => e.PropertyName), Is.EqualTo(new[] { "Type" }));
        Assert.That(result.Errors[0].ErrorMessage, Is.EqualTo("The type must be internal or external."));
    }

    [Test]
    public void An_undefined_type_value_fails()
    {
        Assert.That(FailingFields(new CreateApiKeyCommand("CI", (ApiKeyType)42, null)), Is.EqualTo(new[] { "Type" }));
    }

    [Test]
    public void An_expiry_must_be_in_the_future_of_the_injected_clock()
    {
        var expiry = Now.AddHours(1);
        Assert.That(FailingFields(new CreateApiKeyCommand("CI", ApiKeyType.External, expiry)), Is.Empty);

        _clock.Advance(TimeSpan.FromHours(2));

        Assert.That(FailingFields(new CreateApiKeyCommand("CI", ApiKeyType.External, expiry)), Is.EqualTo(new[] { "ExpiresAt" }));
        Assert.That(FailingFields(new CreateApiKeyCommand("CI", ApiKeyType.External, _clock.GetUtcNow())), Is.EqualTo(new[] { "ExpiresAt" }));
    }
}
