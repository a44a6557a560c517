using FluentValidation;

namespace KeyBox.Application.Licenses.Commands.DeactivateLicense;

public sealed class DeactivateLicenseCommandValidator : AbstractValidator<DeactivateLicenseCommand>
{
    public DeactivateLicenseCommandValidator() =>
        RuleFor(q => q.LicenseData).Must((q, data) => !string.IsNullOrWhiteSpace(data) || !string.IsNullOrWhiteSpace(q.LicenseCode))
            .WithMessage("The license_data (or license_file) field is required.");
}
