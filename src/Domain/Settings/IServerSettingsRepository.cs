namespace KeyBox.Domain.Settings;

public interface IServerSettingsRepository
{
    /// <summary>The settings row, tracked for changes; null while the defaults were never changed.</summary>
    Task<ServerSettings?> GetAsync(CancellationToken cancellationToken);

    void Add(ServerSettings settings);
}
