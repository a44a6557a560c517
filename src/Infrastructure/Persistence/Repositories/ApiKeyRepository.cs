using KeyBox.Domain.ApiKeys;
using Microsoft.EntityFrameworkCore;

namespace KeyBox.Infrastructure.Persistence.Repositories;

internal sealed class ApiKeyRepository(KeyBoxDbContext db) : IApiKeyRepository
{
    public Task<ApiKey?> GetByIdAsync(Guid id, CancellationToken cancellationToken) =>
        db.ApiKeys.IgnoreQueryFilters().FirstOrDefaultAsync(k => k.Id == id, cancellationToken);

    // Authentication happens before anyone is known, so it cannot be scoped to an owner.
    public Task<ApiKey?> GetByHashAsync(string keyHash, CancellationToken cancellationToken) =>
        db.ApiKeys.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(k => k.KeyHash == keyHash, cancellationToken);

    public Task<bool> AnyUsableOfTypeAsync(ApiKeyType type, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.ApiKeys.IgnoreQueryFilters().AnyAsync(k => k.Type == type && k.RevokedAt == null && (k.ExpiresAt == null || k.ExpiresAt > now), cancellationToken);

    public void Add(ApiKey apiKey) => db.ApiKeys.Add(apiKey);
}
