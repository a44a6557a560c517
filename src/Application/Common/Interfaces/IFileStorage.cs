namespace KeyBox.Application.Common.Interfaces;

/// <summary>
/// Where version files live. Storage keys are opaque and never reused: every upload is stored under a new key,
/// so the content behind a key never changes while someone reads it.
/// </summary>
public interface IFileStorage
{
    /// <summary>Starts an upload: bytes written go to a private temporary place and are measured and hashed on the way.</summary>
    Task<IFileUpload> BeginUploadAsync(CancellationToken cancellationToken);

    /// <summary>Opens a stored file for reading (seekable, so ranges can be served); null when nothing is stored under the key.</summary>
    Task<Stream?> OpenReadAsync(string storageKey, CancellationToken cancellationToken);

    /// <summary>Deletes a stored file; readers that already opened it may finish. A missing key is not an error.</summary>
    Task DeleteAsync(string storageKey, CancellationToken cancellationToken);
}

/// <summary>One upload in progress. Disposing it without <see cref="CommitAsync"/> discards what was written.</summary>
public interface IFileUpload : IAsyncDisposable
{
    long BytesWritten { get; }

    ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken);

    /// <summary>Publishes the written bytes, atomically, under a new storage key.</summary>
    Task<StoredFile> CommitAsync(CancellationToken cancellationToken);
}

/// <summary>A committed file: its key, size in bytes and lower-case hex SHA-256.</summary>
public sealed record StoredFile(string StorageKey, long Size, string Sha256);
