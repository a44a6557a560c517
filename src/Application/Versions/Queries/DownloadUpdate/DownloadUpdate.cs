using KeyBox.Domain.Usage;
using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Common;
using KeyBox.Domain.Downloads;
using KeyBox.Domain.Licenses;
using KeyBox.Domain.Versions;
using Mediator;

namespace KeyBox.Application.Versions.Queries.DownloadUpdate;

/// <summary>
/// Opens a version's file for a client installation, after <see cref="IDownloadEntitlement"/> allowed it, and
/// records the download (queued, never awaited). The caller owns the returned stream.
/// </summary>
/// <param name="VersionId">The version's update id (<c>version_id</c>).</param>
/// <param name="ProductId">The <c>product_id</c> the caller sent (body or query string), if any.</param>
/// <param name="LicenseData">The caller's <c>license_data</c>, if any; checked by <see cref="IDownloadEntitlement"/>.</param>
/// <param name="ClientIp">The installation's IP, for the download log and the entitlement check.</param>
/// <param name="IsResumption">A range request that continues an earlier download: served, but not logged again.</param>
public sealed record DownloadUpdateQuery(
    string VersionId,
    VersionFileKind Kind,
    string? ProductId,
    string? LicenseData,
    string? ClientIp,
    bool IsResumption = false) : IQuery<UpdateFileDownload>
{
    /// <summary>
    /// LicenseBox clients without a stored license file prove their license by code instead: the activation of that
    /// license at <see cref="Place"/> (the caller's URL / IP headers). Used only when no <see cref="LicenseData"/> is sent.
    /// </summary>
    public string? LicenseCode { get; init; }

    /// <summary>The caller's place (URL and IP headers): checked for <see cref="LicenseData"/> as verify checks it, and for <see cref="LicenseCode"/>.</summary>
    public ActivationPlace? Place { get; init; }
}

/// <summary>The file to send and its open, seekable content.</summary>
public sealed record UpdateFileDownload(UpdateFileDto File, Stream Content);

public sealed class DownloadUpdateQueryHandler(
    IReadStore store,
    IFileStorage storage,
    IDownloadEntitlement entitlement,
    IDownloadRecorder recorder,
    IUsageCounter usage,
    ILicenseTokenService tokens,
    TimeProvider clock) : IQueryHandler<DownloadUpdateQuery, UpdateFileDownload>
{
    public async ValueTask<UpdateFileDownload> Handle(DownloadUpdateQuery query, CancellationToken cancellationToken)
    {
        // Clients that send no product_id: the product of the activation their license_data belongs to.
        Guid? productFromLicense = null;
        if (string.IsNullOrWhiteSpace(query.ProductId) && !string.IsNullOrWhiteSpace(query.LicenseData))
        {
            productFromLicense = (await tokens.ReadAsync(query.LicenseData.Trim(), cancellationToken))?.ProductId;
        }

        var (product, version) = await store.ResolveVersionAsync(query.VersionId, query.ProductId, productFromLicense, cancellationToken);
        var file = version.RequireFile(query.Kind);
        var grant = await entitlement.AuthorizeAsync(
            new DownloadEntitlementRequest(product, version, query.Kind, query.LicenseData, query.ClientIp)
            {
                LicenseCode = query.LicenseCode,
                Place = query.Place,
            },
            cancellationToken);

        var content = await storage.OpenReadAsync(file.StorageKey, cancellationToken);
        if (content is null)
        {
            // The file was replaced between reading the version and opening its old content: serve the new one.
            (_, version) = await store.ResolveVersionAsync(query.VersionId, product.ReferenceId, null, cancellationToken);
            file = version.RequireFile(query.Kind);
            content = await storage.OpenReadAsync(file.StorageKey, cancellationToken)
                ?? throw new DomainException(ErrorCodes.FileNotFound, $"The {query.Kind.ToString().ToLowerInvariant()} file of version '{version.VersionId}' is missing from storage.");
        }

        if (!query.IsResumption)
        {
            var now = clock.GetUtcNow();
            recorder.Record(Download.Record(version, query.Kind, now, query.ClientIp, grant.LicenseId, grant.ActivationId));
            usage.Count(product.OwnerId, product.Id, UsageKind.Download, now);
        }

        return new UpdateFileDownload(UpdateFileDto.From(product.ReferenceId, version, query.Kind, file), content);
    }
}
