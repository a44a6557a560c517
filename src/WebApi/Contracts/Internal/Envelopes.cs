using Microsoft.AspNetCore.Mvc;

namespace KeyBox.WebApi.Contracts.Internal;

public sealed record InternalEnvelope<T>(bool Status, string Message, T Data);

public sealed record PageMeta(int PerPage, bool HasMore, string? NextCursor, long? Total);

public sealed record InternalPage<T>(bool Status, string Message, IReadOnlyList<T> Data, PageMeta Meta);

/// <summary>The internal API's error envelope.</summary>
public sealed record InternalError(bool Status, string Message, IReadOnlyDictionary<string, string[]>? Errors);

/// <summary>Paging parameters: <c>per_page</c> (1–100), then <c>cursor</c> from the previous page's meta, or <c>page</c>.</summary>
public sealed class PagingQuery
{
    [FromQuery(Name = "per_page")]
    public int? PerPage { get; init; }

    [FromQuery(Name = "cursor")]
    public string? Cursor { get; init; }

    [FromQuery(Name = "page")]
    public int? Page { get; init; }
}
