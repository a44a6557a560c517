using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Common;
using KeyBox.Domain.Customers;
using Mediator;

namespace KeyBox.Application.Customers.Commands.CreateCustomer;

/// <summary>Adds a customer owned by the caller; an email already used by another of the caller's customers is a conflict.</summary>
public sealed record CreateCustomerCommand(string? Name, string? Email) : ICommand<CustomerDto>;

public sealed class CreateCustomerCommandHandler(
    ICustomerRepository customers,
    IUnitOfWork unitOfWork,
    ICurrentActor actor,
    TimeProvider clock) : ICommandHandler<CreateCustomerCommand, CustomerDto>
{
    public async ValueTask<CustomerDto> Handle(CreateCustomerCommand command, CancellationToken cancellationToken)
    {
        var owner = actor.OwnerIdForNewResources;
        var customer = Customer.Create(owner, command.Name ?? string.Empty, command.Email, reference: null, clock.GetUtcNow());
        await customers.EnsureEmailFreeAsync(owner, customer.Email, exceptId: null, cancellationToken);
        customers.Add(customer);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return customer.ToDto();
    }
}

internal static class CustomerEmails
{
    /// <summary>409 when another customer of <paramref name="ownerId"/> already has this email (the unique index backs it up under races).</summary>
    public static async Task EnsureEmailFreeAsync(this ICustomerRepository customers, Guid ownerId, string? normalizedEmail, Guid? exceptId, CancellationToken cancellationToken)
    {
        if (normalizedEmail is not null && await customers.GetByEmailAsync(ownerId, normalizedEmail, cancellationToken) is { } existing && existing.Id != exceptId)
        {
            throw new DomainException(ErrorCodes.Conflict, "A client with this email already exists.", "Email");
        }
    }
}
