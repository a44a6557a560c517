using KeyBox.Domain.Common;
using KeyBox.Domain.Customers;
using Mediator;

namespace KeyBox.Application.Customers.Commands.DeleteCustomer;

/// <summary>
/// Deletes a customer. Its licenses and the products made for it stay, detached (their customer becomes none,
/// by the database's ON DELETE SET NULL): licenses in use keep working.
/// </summary>
public sealed record DeleteCustomerCommand(Guid Id) : ICommand<CustomerDto>;

public sealed class DeleteCustomerCommandHandler(ICustomerRepository customers, IUnitOfWork unitOfWork)
    : ICommandHandler<DeleteCustomerCommand, CustomerDto>
{
    public async ValueTask<CustomerDto> Handle(DeleteCustomerCommand command, CancellationToken cancellationToken)
    {
        var customer = await customers.GetRequiredAsync(command.Id, cancellationToken);
        var dto = customer.ToDto();
        customers.Remove(customer);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return dto;
    }
}
