using FluentValidation;
using KeyBox.Domain.Customers;

namespace KeyBox.Application.Customers.Commands.UpdateCustomer;

public sealed class UpdateCustomerCommandValidator : AbstractValidator<UpdateCustomerCommand>
{
    public UpdateCustomerCommandValidator()
    {
        RuleFor(c => c.Name).NotEmpty().When(c => !c.Partial || c.Name is not null).MaximumLength(Customer.NameMaxLength);
        RuleFor(c => c.Email).NotEmpty().When(c => !c.Partial || c.Email is not null).MaximumLength(Customer.EmailMaxLength).EmailAddress();
    }
}
