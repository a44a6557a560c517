using KeyBox.Application.Common.Exceptions;
using KeyBox.Application.Common.Interfaces;
using KeyBox.Application.Common.Quotas;
using KeyBox.Application.Customers;
using KeyBox.Application.Products;
using KeyBox.Domain.Common;
using KeyBox.Domain.Customers;
using KeyBox.Domain.Licenses;
using KeyBox.Domain.Products;
using Mediator;

namespace KeyBox.Application.Licenses.Commands.CreateLicense;

/// <summary>Issues a license; without a code one is generated. <c>CustomerReference</c> links (or creates) a customer.</summary>
public sealed record CreateLicenseCommand(
    string ProductReferenceId,
    string? LicenseCode,
    LicenseType? Type,
    string? CustomerReference,
    string? Email,
    int? ParallelUses,
    DateTimeOffset? ExpiresAt,
    int? DurationMonths,
    DateTimeOffset? UpdatesUntil,
    IReadOnlyList<string>? Domains,
    IReadOnlyList<string>? Ips,
    IReadOnlyList<string>? Services,
    bool? IsValid,
    bool? IsEnvato,
    Guid? CustomerId = null) : ICommand<LicenseDto>, ILicenseTermsCommand;

public sealed class CreateLicenseCommandHandler(
    IProductRepository products,
    ILicenseRepository licenses,
    ICustomerRepository customers,
    IUnitOfWork unitOfWork,
    IReadStore store,
    AccountQuotas quotas,
    TimeProvider clock) : ICommandHandler<CreateLicenseCommand, LicenseDto>
{
    public async ValueTask<LicenseDto> Handle(CreateLicenseCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var product = await products.GetRequiredAsync(command.ProductReferenceId, cancellationToken);
        await quotas.EnsureLicenseAllowedAsync(cancellationToken);
        if (command.LicenseCode is { Length: > 0 } code && await licenses.CodeExistsAsync(code.Trim(), cancellationToken))
        {
            // The same answer as an ill-formed code: whose code it is (or that it exists) is not told.
            throw UnavailableValue.LicenseCode();
        }

        var ownerId = product.OwnerId;
        Customer? customer;
        if (command.CustomerId is { } customerId)
        {
            customer = await customers.GetByIdAsync(customerId, cancellationToken) is { } byId && byId.OwnerId == ownerId
                ? byId
                : throw new DomainException(ErrorCodes.CustomerNotFound, "Customer not found.", "CustomerId");
        }
        else
        {
            customer = await customers.ResolveAsync(ownerId, command.CustomerReference, command.Email, now, cancellationToken);
        }

        var license = License.Create(
            ownerId,
            product.Id,
            customer?.Id,
            command.LicenseCode?.Trim() is { Length: > 0 } given ? given : null,
            new LicenseTerms(
                command.Type ?? LicenseType.Perpetual,
                command.Email ?? customer?.Email,
                command.ParallelUses ?? 1,
                command.ExpiresAt,
                command.DurationMonths,
                command.UpdatesUntil,
                command.Domains,
                command.Ips,
                command.Services,
                command.IsValid ?? true,
                command.IsEnvato ?? false),
            now);
        licenses.Add(license);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return await store.GetDtoAsync(license.Id, now, cancellationToken);
    }
}
