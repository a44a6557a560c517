using FluentValidation;
using KeyBox.Domain.Accounts;

namespace KeyBox.Application.Accounts.Commands.LogIn;

public sealed class LogInCommandValidator : AbstractValidator<LogInCommand>
{
    // Generous (bootstrap passwords are configured, not signed up), but bounded: hashing a huge input is costly.
    public const int PasswordMaxLength = 1024;

    public LogInCommandValidator()
    {
        RuleFor(c => c.Email).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("The email is required.")
            .MaximumLength(User.EmailMaxLength).WithMessage($"The email must not be longer than {User.EmailMaxLength} characters.");
        RuleFor(c => c.Password).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("The password is required.")
            .MaximumLength(PasswordMaxLength).WithMessage($"The password must not be longer than {PasswordMaxLength} characters.");
    }
}
