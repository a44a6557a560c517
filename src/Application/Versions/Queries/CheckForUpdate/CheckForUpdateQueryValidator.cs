using FluentValidation;
using KeyBox.Domain.Products;
using KeyBox.Domain.Versions;

namespace KeyBox.Application.Versions.Queries.CheckForUpdate;

public sealed class CheckForUpdateQueryValidator : AbstractValidator<CheckForUpdateQuery>
{
    internal const string NotSemantic = "The current_version must be a semantic version such as 1.2.0.";

    public CheckForUpdateQueryValidator()
    {
        RuleFor(q => q.ProductId).NotEmpty().MaximumLength(Product.ReferenceIdMaxLength);
        RuleFor(q => q.CurrentVersion).NotEmpty()
            .Must(v => SemanticVersion.TryParse(v, out _)).WithMessage(NotSemantic);
    }
}
