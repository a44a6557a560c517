using FluentValidation;
using KeyBox.Application.Common.Exceptions;
using KeyBox.Domain.Products;

namespace KeyBox.Application.Products.Commands.CreateProduct;

public sealed class CreateProductCommandValidator : AbstractValidator<CreateProductCommand>
{
    public CreateProductCommandValidator()
    {
        RuleFor(c => c.ReferenceId).NotEmpty().MaximumLength(Product.ReferenceIdMaxLength)
            .Matches("^[A-Za-z0-9._-]+$").WithMessage(UnavailableValue.ReferenceIdMessage);
        RuleFor(c => c.Name).NotEmpty().MaximumLength(Product.NameMaxLength);
        RuleFor(c => c.Description).MaximumLength(Product.DescriptionMaxLength);
        RuleFor(c => c.EnvatoId).MaximumLength(Product.EnvatoIdMaxLength);
    }
}
