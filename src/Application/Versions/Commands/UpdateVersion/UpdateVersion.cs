using KeyBox.Application.Products;
using KeyBox.Domain.Common;
using KeyBox.Domain.Products;
using KeyBox.Domain.Versions;
using Mediator;

namespace KeyBox.Application.Versions.Commands.UpdateVersion;

/// <summary>Updates a version; a null field keeps its current value.</summary>
public sealed record UpdateVersionCommand(
    string ProductReferenceId,
    string VersionId,
    string? Version,
    string? Summary,
    string? Changelog,
    DateTimeOffset? ReleasedAt,
    bool? IsActive) : ICommand<VersionDto>;

public sealed class UpdateVersionCommandHandler(
    IProductRepository products,
    IVersionRepository versions,
    IUnitOfWork unitOfWork,
    TimeProvider clock) : ICommandHandler<UpdateVersionCommand, VersionDto>
{
    public async ValueTask<VersionDto> Handle(UpdateVersionCommand command, CancellationToken cancellationToken)
    {
        var product = await products.GetRequiredAsync(command.ProductReferenceId, cancellationToken);
        var version = await versions.GetAsync(product.Id, command.VersionId, cancellationToken)
            ?? throw new DomainException(ErrorCodes.VersionNotFound, $"Version '{command.VersionId}' of product '{product.ReferenceId}' was not found.");
        version.Update(
            new VersionDetails(
                command.Version ?? version.Version,
                command.Summary ?? version.Summary,
                command.Changelog ?? version.Changelog,
                command.ReleasedAt ?? version.ReleasedAt,
                command.IsActive ?? version.IsActive),
            clock.GetUtcNow());
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return version.ToDto(product.ReferenceId);
    }
}
