using FluentValidation;
using KeyBox.Domain.Products;

namespace KeyBox.Application.Products.Commands.UpdateProject;

public sealed class UpdateProjectCommandValidator : AbstractValidator<UpdateProjectCommand>
{
    public UpdateProjectCommandValidator() =>
        RuleFor(c => c.Name).NotEmpty().When(c => !c.Partial || c.Name is not null)
            .WithMessage("The name (or projectName) is required.").MaximumLength(Product.NameMaxLength);
}
