using FluentValidation;
using KeyBox.Domain.Products;

namespace KeyBox.Application.Products.Commands.UpdateProduct;

public sealed class UpdateProductCommandValidator : AbstractValidator<UpdateProductCommand>
{
    public UpdateProductCommandValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(Product.NameMaxLength).When(c => c.Name is not null);
        RuleFor(c => c.Description).MaximumLength(Product.DescriptionMaxLength);
        RuleFor(c => c.EnvatoId).MaximumLength(Product.EnvatoIdMaxLength);
    }
}
