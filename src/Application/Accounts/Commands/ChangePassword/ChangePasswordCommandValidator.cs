using FluentValidation;

namespace KeyBox.Application.Accounts.Commands.ChangePassword;

/// <summary>The new password follows the sign-up rules (<see cref="AccountRules.NewPassword{T}"/>) and must differ from the current one.</summary>
public sealed class ChangePasswordCommandValidator : AbstractValidator<ChangePasswordCommand>
{
    public ChangePasswordCommandValidator()
    {
        RuleFor(c => c.CurrentPassword).NotEmpty().WithMessage("The current password is required.");
        RuleFor(c => c.NewPassword).NewPassword()
            .NotEqual(c => c.CurrentPassword, StringComparer.Ordinal).WithMessage("The new password must differ from the current one.");
        RuleFor(c => c.ConfirmPassword).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Please confirm the new password.")
            .Equal(c => c.NewPassword, StringComparer.Ordinal).WithMessage("The password confirmation does not match the new password.");
    }
}
