using System.ComponentModel.DataAnnotations;
using KeyBox.Application.Common.Models;
using Microsoft.AspNetCore.Mvc;

namespace KeyBox.WebApi.Contracts.Internal;

public sealed record InternalEnvelope<T>(bool Status, string Message, T Data);

public sealed record PageMeta(int PerPage, bool HasMore, string? NextCursor, long? Total);

public sealed record InternalPage<T>(bool Status, string Message, IReadOnlyList<T> Data, PageMeta Meta);

/// <summary>The internal API's error envelope.</summary>
public sealed record InternalError(bool Status, string Message, IReadOnlyDictionary<string, string[]>? Errors);

/// <summary>Paging parameters: <c>per_page</c> (1–100), then <c>cursor</c> from the previous page's meta, or <c>page</c>.</summary>
public sealed class PagingQuery : IValidatableObject
{
    /// <summary>No list has a billion rows; a page starting beyond is refused (422) before its offset can overflow.</summary>
    public const long MaxOffset = 1_000_000_000;

    [FromQuery(Name = "per_page")]
    public int? PerPage { get; init; }

    [FromQuery(Name = "cursor")]
    public string? Cursor { get; init; }

    [FromQuery(Name = "page")]
    public int? Page { get; init; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var perPage = Math.Clamp(PerPage ?? PageRequest.DefaultPerPage, 1, PageRequest.MaxPerPage);
        if (Page is > 1 && (Page.Value - 1L) * perPage > MaxOffset)
        {
            yield return new ValidationResult("The page is beyond the end of any list ((page - 1) × per_page may not exceed 1,000,000,000).", ["page"]);
        }
    }
}
