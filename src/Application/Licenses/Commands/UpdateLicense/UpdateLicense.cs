using KeyBox.Application.Common.Interfaces;
using KeyBox.Application.Customers;
using KeyBox.Domain.Common;
using KeyBox.Domain.Customers;
using KeyBox.Domain.Licenses;
using Mediator;

namespace KeyBox.Application.Licenses.Commands.UpdateLicense;

/// <summary>
/// Changes a license's terms; a null field keeps its current value (<c>Clear…</c> empties one instead).
/// <c>CustomerId</c> (the console's pick) links one of the license owner's customers by id.
/// </summary>
public sealed record UpdateLicenseCommand(
    Guid Id,
    LicenseType? Type,
    string? CustomerReference,
    string? Email,
    int? ParallelUses,
    DateTimeOffset? ExpiresAt,
    bool ClearExpiresAt,
    int? DurationMonths,
    DateTimeOffset? UpdatesUntil,
    bool ClearUpdatesUntil,
    IReadOnlyList<string>? Domains,
    IReadOnlyList<string>? Ips,
    IReadOnlyList<string>? Services,
    bool? IsValid,
    bool? IsEnvato,
    Guid? CustomerId = null,
    bool ClearDurationMonths = false) : ICommand<LicenseDto>, ILicenseTermsCommand;

public sealed class UpdateLicenseCommandHandler(
    ILicenseRepository licenses,
    ICustomerRepository customers,
    IUnitOfWork unitOfWork,
    IReadStore store,
    TimeProvider clock) : ICommandHandler<UpdateLicenseCommand, LicenseDto>
{
    public async ValueTask<LicenseDto> Handle(UpdateLicenseCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var license = await licenses.GetByIdAsync(command.Id, cancellationToken)
            ?? throw new DomainException(ErrorCodes.LicenseNotFound, "License not found.");
        var customer = command.CustomerId is { } customerId
            ? await customers.GetByIdAsync(customerId, cancellationToken) is { } byId && byId.OwnerId == license.OwnerId
                ? byId
                : throw new DomainException(ErrorCodes.CustomerNotFound, "Customer not found.", "CustomerId")
            : await customers.ResolveAsync(license.OwnerId, command.CustomerReference, command.Email ?? license.Email, now, cancellationToken);
        license.Update(
            customer?.Id ?? license.CustomerId,
            new LicenseTerms(
                command.Type ?? license.Type,
                command.Email ?? license.Email,
                command.ParallelUses ?? license.ParallelUses,
                command.ClearExpiresAt ? null : command.ExpiresAt ?? license.ExpiresAt,
                command.ClearDurationMonths ? null : command.DurationMonths ?? license.DurationMonths,
                command.ClearUpdatesUntil ? null : command.UpdatesUntil ?? license.UpdatesUntil,
                command.Domains ?? license.Domains,
                command.Ips ?? license.Ips,
                command.Services ?? license.Services,
                command.IsValid ?? license.IsValid,
                command.IsEnvato ?? license.IsEnvato),
            now);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return await store.GetDtoAsync(license.Id, now, cancellationToken);
    }
}
