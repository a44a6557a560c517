using FluentValidation;
using KeyBox.Application.Accounts;
using KeyBox.Domain.Accounts;

namespace KeyBox.Application.Users.Commands.UpdateUser;

public sealed class UpdateUserCommandValidator : AbstractValidator<UpdateUserCommand>
{
    public UpdateUserCommandValidator()
    {
        RuleFor(c => c.Name!).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("The name must not be empty.")
            .MaximumLength(User.NameMaxLength).WithMessage($"The name must not be longer than {User.NameMaxLength} characters.")
            .When(c => c.Name is not null);
        RuleFor(c => c.Role).AccountRole().When(c => c.Role is not null);
        RuleFor(c => c.Password!).NewPassword().When(c => c.Password is not null);
    }
}
