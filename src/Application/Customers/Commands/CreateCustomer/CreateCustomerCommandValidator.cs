using FluentValidation;
using KeyBox.Domain.Customers;

namespace KeyBox.Application.Customers.Commands.CreateCustomer;

public sealed class CreateCustomerCommandValidator : AbstractValidator<CreateCustomerCommand>
{
    public CreateCustomerCommandValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(Customer.NameMaxLength);
        RuleFor(c => c.Email).NotEmpty().MaximumLength(Customer.EmailMaxLength).EmailAddress();
    }
}
