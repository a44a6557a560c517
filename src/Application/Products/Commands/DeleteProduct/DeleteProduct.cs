using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Common;
using KeyBox.Domain.Products;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace KeyBox.Application.Products.Commands.DeleteProduct;

/// <summary>
/// Deletes a product (KeyBox: a project) with its versions. Refused with a conflict while licenses for it exist:
/// they record what was sold and may be in use.
/// </summary>
public sealed record DeleteProductCommand(Guid Id) : ICommand<ProductDto>;

public sealed class DeleteProductCommandHandler(
    IProductRepository products,
    IReadStore store,
    IUnitOfWork unitOfWork) : ICommandHandler<DeleteProductCommand, ProductDto>
{
    public async ValueTask<ProductDto> Handle(DeleteProductCommand command, CancellationToken cancellationToken)
    {
        var product = await products.GetByIdAsync(command.Id, cancellationToken)
            ?? throw new DomainException(ErrorCodes.ProductNotFound, "Project not found.");
        if (await store.Licenses.AnyAsync(l => l.ProductId == product.Id, cancellationToken))
        {
            throw new DomainException(ErrorCodes.Conflict, "The project still has licenses; it cannot be deleted.");
        }

        var dto = product.ToDto();
        products.Remove(product);
        // A license created meanwhile makes the database refuse (foreign key): the unit of work reports a conflict.
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return dto;
    }
}
