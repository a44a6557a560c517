using FluentValidation;
using KeyBox.Application.Licenses;
using KeyBox.Domain.Products;

namespace KeyBox.Application.Products.Commands.CreateProject;

public sealed class CreateProjectCommandValidator : AbstractValidator<CreateProjectCommand>
{
    public CreateProjectCommandValidator()
    {
        RuleFor(c => c.Name).NotEmpty().WithMessage("The name (or projectName) is required.").MaximumLength(Product.NameMaxLength);
        RuleFor(c => c.Duration).ValidDuration();
        RuleFor(c => c.Services).ValidServices();
        RuleFor(c => c.Services).Null().When(c => c.Duration is null).WithMessage("Services belong to a license: give a duration too.");
    }
}
