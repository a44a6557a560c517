namespace KeyBox.Application.Common.Interfaces;

/// <summary>
/// Functions that only exist inside read-store queries: Infrastructure translates them to SQL (calling them
/// in memory throws).
/// </summary>
public static class StoreFunctions
{
    /// <summary>
    /// The text compared and sorted ordinally, by code point, whatever the database's collation (PostgreSQL:
    /// <c>value COLLATE "C"</c>). Prefix ranges and keyset comparisons on it are served by indexes built with
    /// that collation.
    /// </summary>
    public static string? Ordinal(string? value) =>
        throw new InvalidOperationException($"{nameof(StoreFunctions)}.{nameof(Ordinal)} can only be used in a database query.");
}
