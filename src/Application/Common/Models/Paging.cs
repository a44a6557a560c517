using KeyBox.Application.Common.Exceptions;

namespace KeyBox.Application.Common.Models;

/// <summary>A page request: at most <see cref="PerPage"/> items after an opaque cursor, or a 1-based page number.</summary>
public sealed record PageRequest(int PerPage, string? Cursor, int? Page)
{
    public const int MaxPerPage = 100;
    public const int DefaultPerPage = 15;

    /// <summary>The largest page this request may ask for: 100 on the internal API, the list cap on the KeyBox API.</summary>
    public int MaxSize { get; init; } = MaxPerPage;

    /// <summary>The page size: <see cref="PerPage"/> brought within 1 … <see cref="MaxSize"/>.</summary>
    public int Size => Math.Clamp(PerPage, 1, Math.Max(1, MaxSize));

    /// <summary>
    /// How many items a page number skips (0 when a cursor gives the position instead). A page below 1, or one so deep
    /// that its offset (plus the page itself) would not fit a 32-bit count, is refused as invalid input (422 on the
    /// internal API, 400 on the KeyBox API) instead of overflowing into a negative SQL LIMIT.
    /// </summary>
    public int Offset(bool positionedByCursor)
    {
        if (Page is not { } page)
        {
            return 0;
        }

        if (page < 1)
        {
            throw ValidationException.For("page", "The page must be a whole number from 1.");
        }

        var offset = (long)(page - 1) * Size;
        if (offset + Size + 1 > int.MaxValue)
        {
            throw ValidationException.For("page", "The page is beyond the range that can be listed; follow next_cursor instead.");
        }

        return positionedByCursor ? 0 : (int)offset;
    }
}

public sealed record Page<T>(IReadOnlyList<T> Items, int PerPage, bool HasMore, string? NextCursor, long? Total = null);
