namespace KeyBox.Application.Common.Interfaces;

/// <summary>
/// Secrets the server generates for itself (e.g. the token signing key) and keeps in the database, so that
/// every process sharing the database uses the same value.
/// </summary>
public interface IServerSecretStore
{
    /// <summary>
    /// The secret's stored value; when there is none yet, stores <paramref name="generate"/>'s value first. Processes
    /// racing to create it all end up with the value that was stored first.
    /// </summary>
    Task<string> GetOrCreateAsync(string name, Func<string> generate, CancellationToken cancellationToken);
}
