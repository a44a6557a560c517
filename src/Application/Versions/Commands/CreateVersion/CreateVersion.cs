using KeyBox.Application.Common.Quotas;
using KeyBox.Application.Products;
using KeyBox.Domain.Common;
using KeyBox.Domain.Products;
using KeyBox.Domain.Versions;
using Mediator;

namespace KeyBox.Application.Versions.Commands.CreateVersion;

public sealed record CreateVersionCommand(
    string ProductReferenceId,
    string VersionId,
    string Version,
    string? Summary,
    string? Changelog,
    DateTimeOffset? ReleasedAt,
    bool IsActive) : ICommand<VersionDto>;

public sealed class CreateVersionCommandHandler(
    IProductRepository products,
    IVersionRepository versions,
    IUnitOfWork unitOfWork,
    AccountQuotas quotas,
    TimeProvider clock) : ICommandHandler<CreateVersionCommand, VersionDto>
{
    public async ValueTask<VersionDto> Handle(CreateVersionCommand command, CancellationToken cancellationToken)
    {
        var product = await products.GetRequiredAsync(command.ProductReferenceId, cancellationToken);
        if (await versions.ExistsAsync(product.Id, command.VersionId.Trim(), cancellationToken))
        {
            throw new DomainException(ErrorCodes.Conflict, $"Version '{command.VersionId}' already exists for product '{product.ReferenceId}'.", "VersionId");
        }

        await quotas.EnsureVersionAllowedAsync(product.Id, cancellationToken);
        var now = clock.GetUtcNow();
        var version = ProductVersion.Create(
            product.Id,
            command.VersionId,
            new VersionDetails(command.Version, command.Summary, command.Changelog, command.ReleasedAt ?? now, command.IsActive),
            now);
        versions.Add(version);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return version.ToDto(product.ReferenceId);
    }
}
