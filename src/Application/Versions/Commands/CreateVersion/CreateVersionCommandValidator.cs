using FluentValidation;
using KeyBox.Domain.Versions;

namespace KeyBox.Application.Versions.Commands.CreateVersion;

public sealed class CreateVersionCommandValidator : AbstractValidator<CreateVersionCommand>
{
    public CreateVersionCommandValidator()
    {
        RuleFor(c => c.VersionId).NotEmpty().MaximumLength(ProductVersion.VersionIdMaxLength)
            .Matches("^[A-Za-z0-9._+-]+$").WithMessage("The version_id may contain only letters, digits, '-', '_', '+' and '.'.");
        RuleFor(c => c.Version).NotEmpty().MaximumLength(ProductVersion.VersionMaxLength)
            .Must(v => SemanticVersion.TryParse(v, out _)).WithMessage("The version must be a semantic version such as 1.2.0.");
        RuleFor(c => c.Summary).MaximumLength(ProductVersion.SummaryMaxLength);
        RuleFor(c => c.Changelog).MaximumLength(ProductVersion.ChangelogMaxLength);
    }
}
