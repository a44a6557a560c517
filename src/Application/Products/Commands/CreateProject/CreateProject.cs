using KeyBox.Application.Audit;
using KeyBox.Application.Common.Interfaces;
using KeyBox.Application.Common.Quotas;
using KeyBox.Application.Customers;
using KeyBox.Application.Licenses;
using KeyBox.Domain.Common;
using KeyBox.Domain.Customers;
using KeyBox.Domain.Licenses;
using KeyBox.Domain.Products;
using Mediator;

namespace KeyBox.Application.Products.Commands.CreateProject;

/// <summary>
/// Creates a product the KeyBox way (a project): the reference id is generated from the name, the product may be
/// made for a customer, and with <c>Duration</c> a pending duration license for that customer is issued in the same
/// transaction — both are saved, or neither.
/// </summary>
public sealed record CreateProjectCommand(string? Name, Guid? ClientId, int? Duration, IReadOnlyList<string>? Services) : ICommand<ProjectCreated>, IAuditedCommand
{
    public string AuditAction => "product.created";
}

public sealed record ProjectCreated(ProductDto Project, LicenseDto? License);

public sealed class CreateProjectCommandHandler(
    IProductRepository products,
    ICustomerRepository customers,
    ILicenseRepository licenses,
    IUnitOfWork unitOfWork,
    IReadStore store,
    ICurrentActor actor,
    AccountQuotas quotas,
    TimeProvider clock) : ICommandHandler<CreateProjectCommand, ProjectCreated>
{
    private const int ReferenceAttempts = 5;

    public async ValueTask<ProjectCreated> Handle(CreateProjectCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await quotas.EnsureProductAllowedAsync(cancellationToken);
        if (command.Duration is not null)
        {
            await quotas.EnsureLicenseAllowedAsync(cancellationToken);
        }

        Customer? customer = command.ClientId is { } clientId ? await customers.GetRequiredAsync(clientId, cancellationToken) : null;
        var name = command.Name ?? string.Empty;
        var product = Product.Create(
            customer?.OwnerId ?? actor.OwnerIdForNewResources,
            await FreeReferenceIdAsync(name, cancellationToken),
            name,
            new ProductDetails(),
            now);
        product.AssignCustomer(customer?.Id, now);
        products.Add(product);

        License? license = null;
        if (command.Duration is { } months)
        {
            license = DurationLicenses.Issue(product, customer, months, command.Services, now);
            licenses.Add(license);
        }

        // One SaveChanges: one transaction for the product and its license.
        await unitOfWork.SaveChangesAsync(cancellationToken);
        var licenseDto = license is null ? null : await store.GetDtoAsync(license.Id, now, cancellationToken);
        return new ProjectCreated(product.ToDto(), licenseDto);
    }

    private async Task<string> FreeReferenceIdAsync(string name, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < ReferenceAttempts; attempt++)
        {
            var candidate = Product.GenerateReferenceId(name);
            if (!await products.ReferenceIdExistsAsync(candidate, cancellationToken))
            {
                return candidate;
            }
        }

        throw new DomainException(ErrorCodes.Conflict, "Could not generate a unique reference id for the project; try again.");
    }
}
