using KeyBox.Application.Settings.Commands.UpdateSettings;

namespace KeyBox.Application.UnitTests.Validators;

public sealed class UpdateSettingsCommandValidatorTests
{
    private readonly UpdateSettingsCommandValidator _validator = new();

    private string[] FailingFields(UpdateSettingsCommand command) =>
        _validator.Validate(command).Errors.Select(e => e.PropertyName).Distinct().ToArray();

    [Test]
    public void Omitted_fields_and_valid_values_pass()
    {
        Assert.That(FailingFields(new UpdateSettingsCommand(null, null)), Is.Empty);
        Assert.That(FailingFields(new UpdateSettingsCommand(1, "ip_address")), Is.Empty);
        Assert.That(FailingFields(new UpdateSettingsCommand(1_000_000, "api_key_ip_address")), Is.Empty);
    }

    [TestCase(0)]
    [TestCase(-3)]
    [TestCase(1_000_001)]
    public void A_period_out_of_range_fails_on_its_field(int period)
    {
        Assert.That(FailingFields(new UpdateSettingsCommand(period, null)), Is.EqualTo(new[] { "LmRequestsRateLimitingPeriod" }));
    }

    [TestCase("")]
    [TestCase("ip")]
    [TestCase("api-key")]
    public void An_unknown_method_fails_on_its_field(string method)
    {
        var errors = _validator.Validate(new UpdateSettingsCommand(null, method)).Errors;

        Assert.That(errors.Select(e => e.PropertyName), Is.EqualTo(new[] { "LmRequestsRateLimitingMethod" }));
        Assert.That(errors[0].ErrorMessage, Does.Contain("ip_address, api_key, api_key_ip_address"));
    }
}
