using KeyBox.Application.Accounts.Commands.LogIn;
using KeyBox.Application.Accounts.Commands.SignUp;

namespace KeyBox.Application.UnitTests.Accounts;

public sealed class AccountValidatorTests
{
    private static readonly SignUpCommandValidator SignUp = new();
    private static readonly LogInCommandValidator LogIn = new();

    private static string[] FailingFields(SignUpCommand command) =>
        SignUp.Validate(command).Errors.Select(e => e.PropertyName).Distinct().ToArray();

    [Test]
    public void A_complete_sign_up_is_valid()
    {
        Assert.That(FailingFields(new SignUpCommand("Ada", "ada@example.com", "kx7-vq2-mh9w", "kx7-vq2-mh9w")), Is.Empty);
    }

    [Test]
    public void Passwords_have_at_least_12_characters()
    {
        Assert.That(FailingFields(new SignUpCommand("Ada", "ada@example.com", "kx7-vq2-mh9", "kx7-vq2-mh9")), Is.EquivalentTo(new[] { "Password" }));
    }

    [TestCase("password1234")]
    [TestCase("QWERTY123456")]
    [TestCase("iloveyou1234")]
    public void Common_passwords_are_refused_whatever_their_case(string password)
    {
        var errors = SignUp.Validate(new SignUpCommand("Ada", "ada@example.com", password, password)).Errors;
        Assert.That(errors.Select(e => e.PropertyName), Is.EquivalentTo(new[] { "Password" }));
        Assert.That(errors[0].ErrorMessage, Does.Contain("too common"));
    }

    [TestCase("ada\u200B@example.com")]
    [TestCase("ada\u200C@example.com")]
    [TestCase("ada\u200D@example.com")]
    [TestCase("ada\u2060@example.com")]
    [TestCase("\uFEFFada@example.com")]
    [TestCase("ada\u0001@example.com")]
    public void Emails_with_control_or_zero_width_characters_are_refused(string email)
    {
        var errors = SignUp.Validate(new SignUpCommand("Ada", email, "kx7-vq2-mh9w", "kx7-vq2-mh9w")).Errors;
        Assert.That(errors.Select(e => e.PropertyName), Is.EquivalentTo(new[] { "Email" }));
        Assert.That(errors[0].ErrorMessage, Does.Contain("invisible"));
    }

    [Test]
    public void Passwords_have_at_most_128_characters()
    {
        var longPassword = new string('x', 129);
        Assert.That(FailingFields(new SignUpCommand("Ada", "ada@example.com", longPassword, longPassword)), Is.EquivalentTo(new[] { "Password" }));
    }

    [Test]
    public void The_confirmation_must_match_exactly()
    {
        var errors = SignUp.Validate(new SignUpCommand("Ada", "ada@example.com", "kx7-vq2-mh9W", "kx7-vq2-mh9w")).Errors;
        Assert.That(errors.Select(e => e.PropertyName), Is.EquivalentTo(new[] { "ConfirmPassword" }));
        Assert.That(errors[0].ErrorMessage, Does.Contain("does not match"));
    }

    [Test]
    public void Each_missing_field_is_reported_once()
    {
        var errors = SignUp.Validate(new SignUpCommand("", "", "", "")).Errors;
        Assert.That(errors.Select(e => e.PropertyName), Is.EquivalentTo(new[] { "Name", "Email", "Password", "ConfirmPassword" }));
    }

    [Test]
    public void The_email_must_look_like_one()
    {
        Assert.That(FailingFields(new SignUpCommand("Ada", "ada.example.com", "kx7-vq2-mh9w", "kx7-vq2-mh9w")), Is.EquivalentTo(new[] { "Email" }));
    }

    [Test]
    public void Login_needs_an_email_and_a_password()
    {
        var errors = LogIn.Validate(new LogInCommand("", "", null)).Errors;
        Assert.That(errors.Select(e => e.PropertyName), Is.EquivalentTo(new[] { "Email", "Password" }));
        Assert.That(LogIn.Validate(new LogInCommand("a@example.com", "x", "203.0.113.7")).IsValid, Is.True);
    }

    [Test]
    public void Commands_do_not_print_passwords()
    {
        Assert.That(new SignUpCommand("Ada", "ada@example.com", "secret-pass", "secret-pass").ToString(), Does.Not.Contain("secret-pass"));
        Assert.That(new LogInCommand("ada@example.com", "secret-pass", null).ToString(), Does.Not.Contain("secret-pass"));
    }
}
