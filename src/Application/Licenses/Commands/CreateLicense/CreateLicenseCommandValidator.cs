using FluentValidation;
using KeyBox.Application.Common.Exceptions;
using KeyBox.Domain.Licenses;

namespace KeyBox.Application.Licenses.Commands.CreateLicense;

public sealed class CreateLicenseCommandValidator : AbstractValidator<CreateLicenseCommand>
{
    public CreateLicenseCommandValidator()
    {
        RuleFor(c => c.ProductReferenceId).NotEmpty();
        RuleFor(c => c.LicenseCode!).Must(BeAValidCode).WithMessage(UnavailableValue.LicenseCodeMessage)
            .When(c => !string.IsNullOrEmpty(c.LicenseCode));
        Include(new LicenseTermsValidator());
        RuleFor(c => c.DurationMonths).Null().When(c => c.ExpiresAt is not null).WithMessage("Give either expires_at or duration_months, not both.");
    }

    private static bool BeAValidCode(string code) => code.Trim().Length is >= 6 and <= LicenseCode.MaxLength
        && code.Trim().All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.');
}

