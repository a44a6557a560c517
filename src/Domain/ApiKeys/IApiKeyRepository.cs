namespace KeyBox.Domain.ApiKeys;

public interface IApiKeyRepository
{
    Task<ApiKey?> GetByIdAsync(Guid id, CancellationToken cancellationToken);

    Task<ApiKey?> GetByHashAsync(string keyHash, CancellationToken cancellationToken);

    Task<bool> AnyUsableOfTypeAsync(ApiKeyType type, DateTimeOffset now, CancellationToken cancellationToken);

    void Add(ApiKey apiKey);
}
