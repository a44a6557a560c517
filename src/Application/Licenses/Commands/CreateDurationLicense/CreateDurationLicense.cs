using KeyBox.Application.Audit;
using KeyBox.Application.Common.Interfaces;
using KeyBox.Application.Common.Quotas;
using KeyBox.Application.Customers;
using KeyBox.Domain.Common;
using KeyBox.Domain.Customers;
using KeyBox.Domain.Licenses;
using KeyBox.Domain.Products;
using Mediator;

namespace KeyBox.Application.Licenses.Commands.CreateDurationLicense;

/// <summary>
/// Issues a KeyBox license: a product (project) and a customer (client) of the same account, a duration of 1 to 12
/// months that starts at the first activation, and optional service names. The code is generated.
/// </summary>
public sealed record CreateDurationLicenseCommand(Guid? ClientId, Guid? ProjectId, int? Duration, IReadOnlyList<string>? Services) : ICommand<LicenseDto>, IAuditedCommand
{
    public string AuditAction => "license.created";
}

public sealed class CreateDurationLicenseCommandHandler(
    IProductRepository products,
    ICustomerRepository customers,
    ILicenseRepository licenses,
    IUnitOfWork unitOfWork,
    IReadStore store,
    AccountQuotas quotas,
    TimeProvider clock) : ICommandHandler<CreateDurationLicenseCommand, LicenseDto>
{
    public async ValueTask<LicenseDto> Handle(CreateDurationLicenseCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var product = await products.GetByIdAsync(command.ProjectId!.Value, cancellationToken)
            ?? throw new DomainException(ErrorCodes.ProductNotFound, "Project not found.");
        var customer = await customers.GetRequiredAsync(command.ClientId!.Value, cancellationToken);
        await quotas.EnsureLicenseAllowedAsync(cancellationToken);
        var license = DurationLicenses.Issue(product, customer, command.Duration!.Value, command.Services, now);
        licenses.Add(license);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return await store.GetDtoAsync(license.Id, now, cancellationToken);
    }
}
