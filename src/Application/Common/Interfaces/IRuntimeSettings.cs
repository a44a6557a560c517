using KeyBox.Application.Settings;

namespace KeyBox.Application.Common.Interfaces;

/// <summary>
/// The settings this process applies right now: an in-memory copy of the database row, refreshed in the
/// background every few seconds so that a change made through any process reaches all of them without a restart.
/// </summary>
public interface IRuntimeSettings
{
    ServerSettingsDto Current { get; }

    /// <summary>Applies settings this process has just saved, without waiting for the next refresh.</summary>
    void Apply(ServerSettingsDto settings);

    /// <summary>Reloads the settings from the database now.</summary>
    Task RefreshAsync(CancellationToken cancellationToken);
}
