using KeyBox.Domain.Settings;
using Microsoft.EntityFrameworkCore;

namespace KeyBox.Infrastructure.Persistence.Repositories;

internal sealed class ServerSettingsRepository(KeyBoxDbContext db) : IServerSettingsRepository
{
    public Task<ServerSettings?> GetAsync(CancellationToken cancellationToken) =>
        db.Set<ServerSettings>().FirstOrDefaultAsync(s => s.Id == ServerSettings.SingletonId, cancellationToken);

    public void Add(ServerSettings settings) => db.Set<ServerSettings>().Add(settings);
}
