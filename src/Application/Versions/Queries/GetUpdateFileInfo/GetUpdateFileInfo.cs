using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Versions;
using Mediator;

namespace KeyBox.Application.Versions.Queries.GetUpdateFileInfo;

/// <summary>
/// Size, type and checksum of a version's file, before downloading it. The product is resolved as for downloads;
/// no license is needed to ask.
/// </summary>
public sealed record GetUpdateFileInfoQuery(string VersionId, VersionFileKind Kind, string? ProductId) : IQuery<UpdateFileDto>;

public sealed class GetUpdateFileInfoQueryHandler(IReadStore store) : IQueryHandler<GetUpdateFileInfoQuery, UpdateFileDto>
{
    public async ValueTask<UpdateFileDto> Handle(GetUpdateFileInfoQuery query, CancellationToken cancellationToken)
    {
        var (product, version) = await store.ResolveVersionAsync(query.VersionId, query.ProductId, productIdFromLicense: null, cancellationToken);
        return UpdateFileDto.From(product.ReferenceId, version, query.Kind, version.RequireFile(query.Kind));
    }
}
