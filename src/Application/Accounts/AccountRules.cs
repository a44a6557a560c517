using FluentValidation;
using KeyBox.Domain.Accounts;

namespace KeyBox.Application.Accounts;

/// <summary>The input rules shared by every use case that takes an account's email or a new password.</summary>
public static class AccountRules
{
    /// <summary>Required, bounded, an email address, and free of control and invisible characters (which the domain refuses too).</summary>
    public static IRuleBuilderOptions<T, string> AccountEmail<T>(this IRuleBuilderInitial<T, string> rule) =>
        rule.Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("The email is required.")
            .MaximumLength(User.EmailMaxLength).WithMessage($"The email must not be longer than {User.EmailMaxLength} characters.")
            .Must(e => !User.HasInvisibleCharacters(e)).WithMessage(User.InvisibleCharactersMessage)
            .EmailAddress().WithMessage("The email must be a valid email address.");

    /// <summary><see cref="PasswordPolicy"/>: at least 12 characters, at most 128, and not a common password.</summary>
    public static IRuleBuilderOptions<T, string> NewPassword<T>(this IRuleBuilderInitial<T, string> rule) =>
        rule.Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("The password is required.")
            .MinimumLength(PasswordPolicy.MinLength).WithMessage($"The password must be at least {PasswordPolicy.MinLength} characters long.")
            .MaximumLength(PasswordPolicy.MaxLength).WithMessage($"The password must not be longer than {PasswordPolicy.MaxLength} characters.")
            .Must(p => !PasswordPolicy.IsCommon(p)).WithMessage(PasswordPolicy.TooCommonMessage);

    /// <summary><c>ADMIN</c> or <c>DEVELOPER</c>.</summary>
    public static IRuleBuilderOptions<T, string?> AccountRole<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(r => UserRoles.TryParse(r, out _)).WithMessage($"The role must be one of {string.Join(", ", UserRoles.Names)}.");
}
