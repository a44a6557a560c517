using FluentValidation;
using KeyBox.Domain.Licenses;

namespace KeyBox.Application.Licenses.Commands.ActivateLicense;

public sealed class ActivateLicenseCommandValidator : AbstractValidator<ActivateLicenseCommand>
{
    public ActivateLicenseCommandValidator()
    {
        RuleFor(c => c.LicenseCode).NotEmpty().MaximumLength(LicenseCode.MaxLength);
    }
}
