using FluentValidation;
using KeyBox.Domain.Versions;

namespace KeyBox.Application.Versions.Commands.UpdateVersion;

public sealed class UpdateVersionCommandValidator : AbstractValidator<UpdateVersionCommand>
{
    public UpdateVersionCommandValidator()
    {
        RuleFor(c => c.Version).Must(v => SemanticVersion.TryParse(v, out _))
            .WithMessage("The version must be a semantic version such as 1.2.0.")
            .When(c => c.Version is not null);
        RuleFor(c => c.Summary).MaximumLength(ProductVersion.SummaryMaxLength);
        RuleFor(c => c.Changelog).MaximumLength(ProductVersion.ChangelogMaxLength);
    }
}
