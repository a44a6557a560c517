using KeyBox.Application.Customers.Commands.CreateCustomer;
using KeyBox.Domain.Common;
using KeyBox.Domain.Customers;
using Mediator;

namespace KeyBox.Application.Customers.Commands.UpdateCustomer;

/// <summary>Changes a customer's name and email: all of them (<c>Partial</c> false, PUT), or only those given (PATCH).</summary>
public sealed record UpdateCustomerCommand(Guid Id, string? Name, string? Email, bool Partial) : ICommand<CustomerDto>;

public sealed class UpdateCustomerCommandHandler(
    ICustomerRepository customers,
    IUnitOfWork unitOfWork,
    TimeProvider clock) : ICommandHandler<UpdateCustomerCommand, CustomerDto>
{
    public async ValueTask<CustomerDto> Handle(UpdateCustomerCommand command, CancellationToken cancellationToken)
    {
        var customer = await customers.GetRequiredAsync(command.Id, cancellationToken);
        var email = Customer.NormalizeEmail(command.Email ?? customer.Email);
        await customers.EnsureEmailFreeAsync(customer.OwnerId, email, customer.Id, cancellationToken);
        customer.Update(command.Name ?? customer.Name, email, clock.GetUtcNow());
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return customer.ToDto();
    }
}
