using FluentValidation;

namespace KeyBox.Application.Licenses.Queries.VerifyLicense;

public sealed class VerifyLicenseQueryValidator : AbstractValidator<VerifyLicenseQuery>
{
    public VerifyLicenseQueryValidator() =>
        RuleFor(q => q.LicenseData).Must((q, data) => !string.IsNullOrWhiteSpace(data) || !string.IsNullOrWhiteSpace(q.LicenseCode))
            .WithMessage("The license_data (or license_file) field is required.");
}
