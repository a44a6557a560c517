using FluentValidation;

namespace KeyBox.Application.Licenses.Commands.UpdateLicense;

public sealed class UpdateLicenseCommandValidator : AbstractValidator<UpdateLicenseCommand>
{
    public UpdateLicenseCommandValidator() => Include(new LicenseTermsValidator());
}
