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
        RuleFor(c => c.Email).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("The email is required.")
            .MaximumLength(User.EmailMaxLength).WithMessage($"The email must not be longer than {User.EmailMaxLength} characters.")
            .EmailAddress().WithMessage("The email must be a valid email address.");
        RuleFor(c => c.Password).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("The password is required.")
            .MinimumLength(User.PasswordMinLength).WithMessage($"The password must be at least {User.PasswordMinLength} characters long.")
            .MaximumLength(User.PasswordMaxLength).WithMessage($"The password must not be longer than {User.PasswordMaxLength} characters.");
        RuleFor(c => c.ConfirmPassword).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Please confirm the password.")
            .Equal(c => c.Password, StringComparer.Ordinal).WithMessage("The password confirmation does not match the password.");
    }
}
