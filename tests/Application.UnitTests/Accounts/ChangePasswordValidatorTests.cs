using KeyBox.Application.Accounts.Commands.ChangePassword;

namespace KeyBox.Application.UnitTests.Accounts;

public sealed class ChangePasswordValidatorTests
{
    private static readonly ChangePasswordCommandValidator Validator = new();

    private static string[] FailingFields(ChangePasswordCommand command) =>
        Validator.Validate(command).Errors.Select(e => e.PropertyName).Distinct().ToArray();

    [Test]
    public void A_new_password_that_follows_the_sign_up_rules_is_valid()
    {
        Assert.That(FailingFields(new ChangePasswordCommand("old-pass-word-1", "kx7-vq2-mh9w", "kx7-vq2-mh9w")), Is.Empty);
    }

    [TestCase("kx7-vq2-mh9")]
    [TestCase("password1234")]
    public void The_new_password_follows_the_sign_up_rules(string password)
    {
        Assert.That(FailingFields(new ChangePasswordCommand("old-pass-word-1", password, password)), Is.EquivalentTo(new[] { "NewPassword" }));
    }

    [Test]
    public void The_confirmation_must_match_and_the_current_password_is_required()
    {
        Assert.That(FailingFields(new ChangePasswordCommand(string.Empty, "kx7-vq2-mh9w", "kx7-vq2-mh9x")),
            Is.EquivalentTo(new[] { "CurrentPassword", "ConfirmPassword" }));
    }

    [Test]
    public void The_new_password_must_differ_from_the_current_one()
    {
        var errors = Validator.Validate(new ChangePasswordCommand("kx7-vq2-mh9w", "kx7-vq2-mh9w", "kx7-vq2-mh9w")).Errors;
        Assert.That(errors.Select(e => e.ErrorMessage), Is.EqualTo(new[] { "The new password must differ from the current one." }));
    }

    [Test]
    public void The_command_never_prints_a_password()
    {
        Assert.That(new ChangePasswordCommand("secret-one-111", "secret-two-222", "secret-two-222").ToString(), Does.Not.Contain("secret"));
    }
}
