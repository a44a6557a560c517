namespace KeyBox.Domain.Versions;

public interface IVersionRepository
{
    Task<ProductVersion?> GetAsync(Guid productId, string versionId, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(Guid productId, string versionId, CancellationToken cancellationToken);

    Task<IReadOnlyList<ProductVersion>> ListActiveAsync(Guid productId, CancellationToken cancellationToken);

    void Add(ProductVersion version);
}
