using FluentValidation;
using KeyBox.Domain.Products;

namespace KeyBox.Application.Versions.Queries.GetLatestVersion;

public sealed class GetLatestVersionQueryValidator : AbstractValidator<GetLatestVersionQuery>
{
    public GetLatestVersionQueryValidator()
    {
        RuleFor(q => q.ProductId).NotEmpty().MaximumLength(Product.ReferenceIdMaxLength);
    }
}
