using FluentValidation;
using KeyBox.Application.Accounts;
using KeyBox.Domain.Accounts;

namespace KeyBox.Application.Users.Commands.CreateUser;

public sealed class CreateUserCommandValidator : AbstractValidator<CreateUserCommand>
{
    public CreateUserCommandValidator()
    {
        RuleFor(c => c.Email).AccountEmail();
        RuleFor(c => c.Name).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("The name is required.")
            .MaximumLength(User.NameMaxLength).WithMessage($"The name must not be longer than {User.NameMaxLength} characters.");
        RuleFor(c => c.Role).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("The role is required.")
            .AccountRole();
        RuleFor(c => c.Password).NewPassword();
    }
}
