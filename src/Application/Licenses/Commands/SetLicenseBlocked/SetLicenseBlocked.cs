using KeyBox.Application.Audit;
using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Common;
using KeyBox.Domain.Licenses;
using Mediator;

namespace KeyBox.Application.Licenses.Commands.SetLicenseBlocked;

/// <summary>Blocks (the KeyBox API: revokes) or unblocks a license, by id or by code; <c>Blocked</c> null toggles.</summary>
public sealed record SetLicenseBlockedCommand(Guid? Id, string? LicenseCode, bool? Blocked) : ICommand<LicenseDto>, IAuditedCommand
{
    public string AuditAction => Blocked == false ? "license.unblocked" : "license.blocked";
}

public sealed class SetLicenseBlockedCommandHandler(
    ILicenseRepository licenses,
    IUnitOfWork unitOfWork,
    IReadStore store,
    TimeProvider clock) : ICommandHandler<SetLicenseBlockedCommand, LicenseDto>
{
    public async ValueTask<LicenseDto> Handle(SetLicenseBlockedCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var license = (command.Id is { } id
                ? await licenses.GetByIdAsync(id, cancellationToken)
                : await licenses.GetByCodeAsync(command.LicenseCode ?? string.Empty, cancellationToken))
            ?? throw new DomainException(ErrorCodes.LicenseNotFound, "License not found.");
        if (command.Blocked ?? !license.IsBlocked)
        {
            license.Block(now);
        }
        else
        {
            license.Unblock(now);
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return await store.GetDtoAsync(license.Id, now, cancellationToken);
    }
}
