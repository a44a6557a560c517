namespace KeyBox.Client.Licensing;

/// <summary>
/// Keeps the <c>license_data</c> token the server issues at activation, so that the installation can verify,
/// deactivate and download later (also after a restart, with a persistent store). The token is opaque and ASCII.
/// </summary>
public interface ILicenseDataStore
{
    /// <summary>The stored token, or <c>null</c> when there is none.</summary>
    ValueTask<string?> LoadAsync(CancellationToken cancellationToken = default);

    /// <summary>Stores <paramref name="licenseData"/>, replacing any previous token.</summary>
    ValueTask SaveAsync(string licenseData, CancellationToken cancellationToken = default);

    /// <summary>Forgets the token (after deactivation).</summary>
    ValueTask ClearAsync(CancellationToken cancellationToken = default);
}

/// <summary>Keeps the token in memory only: it is lost with the process.</summary>
public sealed class InMemoryLicenseDataStore : ILicenseDataStore
{
    private volatile string? _licenseData;

    /// <inheritdoc />
    public ValueTask<string?> LoadAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(_licenseData);

    /// <inheritdoc />
    public ValueTask SaveAsync(string licenseData, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(licenseData);
        _licenseData = licenseData;
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask ClearAsync(CancellationToken cancellationToken = default)
    {
        _licenseData = null;
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// Keeps the token in a file (created with its directory when missing). Writes go to a temporary file that then
/// replaces the target, so a crash never leaves half a token behind.
/// </summary>
public sealed class FileLicenseDataStore : ILicenseDataStore
{
    /// <summary>A store in <paramref name="path"/>, e.g. <c>license.dat</c> in the application's data directory.</summary>
    public FileLicenseDataStore(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
    }

    /// <summary>The file holding the token.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public async ValueTask<string?> LoadAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(Path))
        {
            return null;
        }

        var text = (await File.ReadAllTextAsync(Path, cancellationToken).ConfigureAwait(false)).Trim();
        return text.Length == 0 ? null : text;
    }

    /// <inheritdoc />
    public async ValueTask SaveAsync(string licenseData, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(licenseData);
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        Directory.CreateDirectory(directory);
        var temporary = System.IO.Path.Combine(directory, System.IO.Path.GetFileName(Path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            await File.WriteAllTextAsync(temporary, licenseData, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, Path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <inheritdoc />
    public ValueTask ClearAsync(CancellationToken cancellationToken = default)
    {
        File.Delete(Path);
        return ValueTask.CompletedTask;
    }
}
