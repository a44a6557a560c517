using FluentValidation;

namespace KeyBox.Application.Licenses.Commands.CreateDurationLicense;

public sealed class CreateDurationLicenseCommandValidator : AbstractValidator<CreateDurationLicenseCommand>
{
    public CreateDurationLicenseCommandValidator()
    {
        RuleFor(c => c.ClientId).NotNull().WithMessage("The clientId is required.");
        RuleFor(c => c.ProjectId).NotNull().WithMessage("The projectId is required.");
        RuleFor(c => c.Duration).NotNull().WithMessage("The duration (months) is required.").ValidDuration();
        RuleFor(c => c.Services).ValidServices();
    }
}
