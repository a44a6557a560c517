using FluentValidation;
using KeyBox.Domain.Licenses;

namespace KeyBox.Application.Licenses.Queries.ValidateLicense;

public sealed class ValidateLicenseQueryValidator : AbstractValidator<ValidateLicenseQuery>
{
    public ValidateLicenseQueryValidator() => RuleFor(q => q.Key).NotEmpty().WithMessage("The key is required.").MaximumLength(LicenseCode.MaxLength);
}
