using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Common;
using KeyBox.Domain.Versions;
using Mediator;

namespace KeyBox.Application.Versions.Queries.CheckForUpdate;

/// <summary>
/// Is there an update for an installation running <paramref name="CurrentVersion"/>? The newest active version above
/// it when the product serves latest updates, otherwise the next one (see <see cref="UpdatePolicy"/>).
/// Serves the external API's <c>update/check</c> and LicenseBox's <c>check_update</c>.
/// </summary>
/// <param name="ProductId">The product's reference id, as clients send it.</param>
public sealed record CheckForUpdateQuery(string ProductId, string CurrentVersion) : IQuery<UpdateCheckDto>;

/// <summary>The outcome of an update check; <see cref="Update"/> is null when the installation is up to date.</summary>
public sealed record UpdateCheckDto(string ProductReferenceId, string ProductName, UpdateDto? Update)
{
    public bool UpdateAvailable => Update is not null;
}

public sealed class CheckForUpdateQueryHandler(ICatalogReads catalogs)
    : IQueryHandler<CheckForUpdateQuery, UpdateCheckDto>
{
    public async ValueTask<UpdateCheckDto> Handle(CheckForUpdateQuery query, CancellationToken cancellationToken)
    {
        var catalog = await catalogs.FindWithActiveVersionsAsync(query.ProductId, cancellationToken)
            ?? throw new DomainException(ErrorCodes.ProductNotFound, $"Product '{query.ProductId}' was not found.");
        UpdateLookup.EnsureActive(catalog.Product);
        if (!SemanticVersion.TryParse(query.CurrentVersion, out var current))
        {
            throw Common.Exceptions.ValidationException.For(nameof(query.CurrentVersion), CheckForUpdateQueryValidator.NotSemantic);
        }

        var product = catalog.Product;
        var update = UpdatePolicy.SelectUpdate(catalog.ActiveVersions, current, product.ServeLatestUpdates);
        return new UpdateCheckDto(product.ReferenceId, product.Name, update is null ? null : UpdateDto.From(update));
    }
}
