using KeyBox.Application.Common.Exceptions;
using KeyBox.Application.Common.Interfaces;
using KeyBox.Application.Common.Quotas;
using KeyBox.Domain.Common;
using KeyBox.Domain.Products;
using Mediator;

namespace KeyBox.Application.Products.Commands.CreateProduct;

public sealed record CreateProductCommand(
    string ReferenceId,
    string Name,
    string? Description,
    string? EnvatoId,
    bool LicenseUpdate,
    bool ServeLatestUpdates,
    bool IsActive) : ICommand<ProductDto>;

public sealed class CreateProductCommandHandler(
    IProductRepository products,
    IUnitOfWork unitOfWork,
    ICurrentActor actor,
    AccountQuotas quotas,
    TimeProvider clock) : ICommandHandler<CreateProductCommand, ProductDto>
{
    public async ValueTask<ProductDto> Handle(CreateProductCommand command, CancellationToken cancellationToken)
    {
        await quotas.EnsureProductAllowedAsync(cancellationToken);
        if (await products.ReferenceIdExistsAsync(command.ReferenceId.Trim(), cancellationToken))
        {
            // The same answer as an ill-formed reference: whose reference it is (or that it exists) is not told.
            throw UnavailableValue.ReferenceId();
        }

        var product = Product.Create(
            actor.OwnerIdForNewResources,
            command.ReferenceId,
            command.Name,
            new ProductDetails(command.Description, command.EnvatoId, command.LicenseUpdate, command.ServeLatestUpdates, command.IsActive),
            clock.GetUtcNow());
        products.Add(product);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return product.ToDto();
    }
}
