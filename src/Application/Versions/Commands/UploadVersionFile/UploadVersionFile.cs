using System.Buffers;
using KeyBox.Application.Common.Interfaces;
using KeyBox.Application.Common.Models;
using KeyBox.Application.Common.Quotas;
using KeyBox.Application.Products;
using KeyBox.Domain.Common;
using KeyBox.Domain.Products;
using KeyBox.Domain.Versions;
using Mediator;
using Microsoft.Extensions.Options;

namespace KeyBox.Application.Versions.Commands.UploadVersionFile;

/// <summary>
/// Stores a version's main (zip) or sql file from <paramref name="Content"/>, which is read once, in chunks, and never
/// held whole in memory. A new upload replaces the previous file; the old content is deleted once the version
/// points at the new one, so a download that already opened it finishes undisturbed.
/// </summary>
/// <param name="FileName">The uploader's file name, if any; sanitised, defaulting to <c>{version_id}.zip</c> / <c>.sql</c>.</param>
public sealed record UploadVersionFileCommand(
    string ProductReferenceId,
    string VersionId,
    VersionFileKind Kind,
    string? FileName,
    Stream Content) : ICommand<VersionDto>;

public sealed class UploadVersionFileCommandHandler(
    IProductRepository products,
    IVersionRepository versions,
    IUnitOfWork unitOfWork,
    IFileStorage storage,
    IOptions<UploadOptions> options,
    AccountQuotas quotas,
    TimeProvider clock) : ICommandHandler<UploadVersionFileCommand, VersionDto>
{
    private const int ChunkSize = 81920;

    public async ValueTask<VersionDto> Handle(UploadVersionFileCommand command, CancellationToken cancellationToken)
    {
        var product = await products.GetRequiredAsync(command.ProductReferenceId, cancellationToken);
        var version = await versions.GetAsync(product.Id, command.VersionId, cancellationToken)
            ?? throw new DomainException(ErrorCodes.VersionNotFound, $"Version '{command.VersionId}' of product '{product.ReferenceId}' was not found.");

        var storageLeft = await quotas.StorageLeftAsync(version.FileOf(command.Kind)?.Size ?? 0, cancellationToken);
        var stored = await ReceiveAsync(command.Content, options.Value.MaxUploadBytes, storageLeft, cancellationToken);
        var now = clock.GetUtcNow();
        var file = new VersionFile(
            stored.StorageKey,
            VersionFiles.FileNameFor(command.FileName, version.VersionId, command.Kind),
            VersionFiles.ContentTypeOf(command.Kind),
            stored.Size,
            stored.Sha256,
            now);

        VersionFile? replaced;
        var saved = false;
        try
        {
            replaced = version.AttachFile(command.Kind, file, now);
            await unitOfWork.SaveChangesAsync(cancellationToken);
            saved = true;
        }
        finally
        {
            if (!saved)
            {
                await storage.DeleteAsync(stored.StorageKey, CancellationToken.None);
            }
        }

        if (replaced is not null && replaced.StorageKey != stored.StorageKey)
        {
            await storage.DeleteAsync(replaced.StorageKey, CancellationToken.None);
        }

        return version.ToDto(product.ReferenceId);
    }

    private async Task<StoredFile> ReceiveAsync(Stream content, long maxBytes, long storageLeft, CancellationToken cancellationToken)
    {
        await using var upload = await storage.BeginUploadAsync(cancellationToken);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            int read;
            while ((read = await content.ReadAsync(buffer.AsMemory(0, ChunkSize), cancellationToken)) > 0)
            {
                if (upload.BytesWritten + read > maxBytes)
                {
                    throw new DomainException(ErrorCodes.PayloadTooLarge, $"The file is larger than the upload limit of {maxBytes} bytes.");
                }

                if (upload.BytesWritten + read > storageLeft)
                {
                    throw quotas.StorageExceeded();
                }

                await upload.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (upload.BytesWritten == 0)
        {
            throw new DomainException(ErrorCodes.ValidationFailed, "The file is empty.", "File");
        }

        return await upload.CommitAsync(cancellationToken);
    }
}
