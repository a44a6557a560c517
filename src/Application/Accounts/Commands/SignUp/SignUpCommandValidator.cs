using FluentValidation;
using KeyBox.Domain.Accounts;

namespace KeyBox.Application.Accounts.Commands.SignUp;

public sealed class SignUpCommandValidator : AbstractValidator<SignUpCommand>
{
    public SignUpCommandValidator()
    {
        RuleFor(c => c.Name).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("The name is required.")
            .MaximumLength(User.NameMaxLength).WithMessage($"The name must not be longer than {User.NameMaxLength} characters.");
        RuleFor(c => c.Email).AccountEmail();
        RuleFor(c => c.Password).NewPassword();
        RuleFor(c => c.ConfirmPassword).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Please confirm the password.")
            .Equal(c => c.Password, StringComparer.Ordinal).WithMessage("The password confirmation does not match the password.");
    }
}
