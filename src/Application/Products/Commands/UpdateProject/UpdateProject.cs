using KeyBox.Application.Audit;
using KeyBox.Application.Customers;
using KeyBox.Domain.Common;
using KeyBox.Domain.Customers;
using KeyBox.Domain.Products;
using Mediator;

namespace KeyBox.Application.Products.Commands.UpdateProject;

/// <summary>
/// Renames a product and sets the customer it is made for (KeyBox: a project and its client). With <c>Partial</c>
/// (PATCH) only what is given changes; <c>SetClient</c> says whether <c>ClientId</c> was given (null then detaches).
/// </summary>
public sealed record UpdateProjectCommand(Guid Id, string? Name, Guid? ClientId, bool SetClient, bool Partial) : ICommand<ProductDto>, IAuditedCommand
{
    public string AuditAction => "product.updated";
}

public sealed class UpdateProjectCommandHandler(
    IProductRepository products,
    ICustomerRepository customers,
    IUnitOfWork unitOfWork,
    TimeProvider clock) : ICommandHandler<UpdateProjectCommand, ProductDto>
{
    public async ValueTask<ProductDto> Handle(UpdateProjectCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var product = await products.GetByIdAsync(command.Id, cancellationToken)
            ?? throw new DomainException(ErrorCodes.ProductNotFound, "Project not found.");
        if (command.Name is not null)
        {
            product.Rename(command.Name, now);
        }

        if (command.SetClient)
        {
            Customer? customer = command.ClientId is { } clientId ? await customers.GetRequiredAsync(clientId, cancellationToken) : null;
            if (customer is not null && customer.OwnerId != product.OwnerId)
            {
                throw new DomainException(ErrorCodes.ValidationFailed, "The client and the project belong to different accounts.", "ClientId");
            }

            product.AssignCustomer(customer?.Id, now);
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return product.ToDto();
    }
}
