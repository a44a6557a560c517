using System.Security.Cryptography;
using System.Text.RegularExpressions;
using KeyBox.Application.Common.Interfaces;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KeyBox.Infrastructure.Storage;

/// <summary>Where the local file storage keeps its files (configuration section <c>Storage</c>).</summary>
public sealed class LocalFileStorageOptions
{
    public const string Section = "Storage";

    /// <summary><c>Storage:Path</c>: the root directory; relative paths start at the content root. Default <c>.keybox/files</c>.</summary>
    public string Path { get; set; } = ".keybox/files";
}

/// <summary>
/// Files on the local disk under <c>Storage:Path</c>: <c>{root}/{aa}/{32 hex}</c>, written first to
/// <c>{root}/.tmp</c> and moved into place on commit (a rename on the same volume, so readers never see a partial
/// file). Read streams allow deletion, so a file deleted while being downloaded is served to the end.
/// </summary>
internal sealed partial class LocalFileStorage : IFileStorage
{
    private const int BufferSize = 81920;
    private readonly string _root;
    private readonly string _temp;
    private readonly ILogger<LocalFileStorage> _logger;

    public LocalFileStorage(IOptions<LocalFileStorageOptions> options, IHostEnvironment environment, ILogger<LocalFileStorage> logger)
    {
        var configured = string.IsNullOrWhiteSpace(options.Value.Path) ? new LocalFileStorageOptions().Path : options.Value.Path;
        _root = System.IO.Path.GetFullPath(configured, environment.ContentRootPath);
        _temp = System.IO.Path.Combine(_root, ".tmp");
        _logger = logger;
        RemoveAbandonedUploads();
    }

    public Task<IFileUpload> BeginUploadAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_temp);
        var tempPath = System.IO.Path.Combine(_temp, Guid.NewGuid().ToString("N") + ".part");
        var stream = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return Task.FromResult<IFileUpload>(new LocalFileUpload(this, tempPath, stream));
    }

    public Task<Stream?> OpenReadAsync(string storageKey, CancellationToken cancellationToken)
    {
        try
        {
            Stream stream = new FileStream(PathOf(storageKey), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
            return Task.FromResult<Stream?>(stream);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    public Task DeleteAsync(string storageKey, CancellationToken cancellationToken)
    {
        try
        {
            File.Delete(PathOf(storageKey));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The metadata no longer points at it; a leftover file wastes space but harms no one.
            _logger.LogWarning(ex, "Could not delete stored file {StorageKey}", storageKey);
        }

        return Task.CompletedTask;
    }

    private string PathOf(string storageKey)
    {
        if (!KeyPattern().IsMatch(storageKey))
        {
            throw new ArgumentException($"'{storageKey}' is not a storage key of the local file storage.", nameof(storageKey));
        }

        return System.IO.Path.Combine(_root, storageKey);
    }

    private string Publish(string tempPath)
    {
        var id = Guid.CreateVersion7().ToString("N");
        // The random tail of a v7 id spreads files over 256 directories.
        var key = $"{id[^2..]}/{id}";
        var path = PathOf(key);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.Move(tempPath, path, overwrite: false);
        return key;
    }

    /// <summary>Uploads cut short by a crash leave temporary files; anything a day old is certainly abandoned.</summary>
    private void RemoveAbandonedUploads()
    {
        if (!Directory.Exists(_temp))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(_temp, "*.part"))
        {
            try
            {
                if (File.GetLastWriteTimeUtc(file) < DateTime.UtcNow.AddDays(-1))
                {
                    File.Delete(file);
                }
            }
            catch (IOException ex)
            {
                _logger.LogWarning(ex, "Could not remove the abandoned upload {Path}", file);
            }
        }
    }

    [GeneratedRegex("^[0-9a-f]{2}/[0-9a-f]{32}$")]
    private static partial Regex KeyPattern();

    private sealed class LocalFileUpload(LocalFileStorage storage, string tempPath, FileStream stream) : IFileUpload
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private bool _committed;
        private bool _disposed;

        public long BytesWritten { get; private set; }

        public async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
        {
            ObjectDisposedException.ThrowIf(_disposed || _committed, this);
            _hash.AppendData(buffer.Span);
            await stream.WriteAsync(buffer, cancellationToken);
            BytesWritten += buffer.Length;
        }

        public async Task<StoredFile> CommitAsync(CancellationToken cancellationToken)
        {
            ObjectDisposedException.ThrowIf(_disposed || _committed, this);
            await stream.FlushAsync(cancellationToken);
            stream.Flush(flushToDisk: true);
            await stream.DisposeAsync();
            var sha256 = Convert.ToHexStringLower(_hash.GetHashAndReset());
            var key = storage.Publish(tempPath);
            _committed = true;
            return new StoredFile(key, BytesWritten, sha256);
        }

        public async ValueTask DisposeAsync()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _hash.Dispose();
            await stream.DisposeAsync();
            if (!_committed)
            {
                try
                {
                    File.Delete(tempPath);
                }
                catch (IOException ex)
                {
                    storage._logger.LogWarning(ex, "Could not delete the temporary upload {Path}", tempPath);
                }
            }
        }
    }
}
