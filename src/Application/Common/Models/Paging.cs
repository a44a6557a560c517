namespace KeyBox.Application.Common.Models;

/// <summary>A page request: at most <see cref="PerPage"/> items after an opaque cursor, or a 1-based page number.</summary>
public sealed record PageRequest(int PerPage, string? Cursor, int? Page)
{
    public const int MaxPerPage = 100;
    public const int DefaultPerPage = 15;
}

public sealed record Page<T>(IReadOnlyList<T> Items, int PerPage, bool HasMore, string? NextCursor, long? Total = null);
