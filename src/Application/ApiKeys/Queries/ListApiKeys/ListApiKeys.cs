using KeyBox.Application.Common.Interfaces;
using KeyBox.Application.Common.Models;
using Mediator;

namespace KeyBox.Application.ApiKeys.Queries.ListApiKeys;

public sealed record ListApiKeysQuery(PageRequest Page) : IQuery<Page<ApiKeyDto>>;

public sealed class ListApiKeysQueryHandler(IReadStore store) : IQueryHandler<ListApiKeysQuery, Page<ApiKeyDto>>
{
    public async ValueTask<Page<ApiKeyDto>> Handle(ListApiKeysQuery query, CancellationToken cancellationToken) =>
        await store.ApiKeys.ToKeysetPageAsync(
            k => k.Id,
            k => new ApiKeyDto(k.Id, k.Name, k.Type, k.Prefix, k.OwnerId, k.ExpiresAt, k.RevokedAt, k.LastUsedAt, k.CreatedAt),
            k => k.Id,
            query.Page,
            cancellationToken);
}
