using FluentValidation;
using KeyBox.Domain.Licenses;

namespace KeyBox.Application.Licenses.Queries.CheckLicense;

public sealed class CheckLicenseQueryValidator : AbstractValidator<CheckLicenseQuery>
{
    public CheckLicenseQueryValidator() => RuleFor(q => q.LicenseCode).NotEmpty().MaximumLength(LicenseCode.MaxLength);
}
