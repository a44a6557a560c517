namespace KeyBox.Domain.Versions;

/// <summary>
/// Which version a client is offered. Only active versions are ever offered; versions are ordered by
/// semantic-version precedence (pre-releases before their release), ties broken by release date.
/// </summary>
public static class UpdatePolicy
{
    /// <summary>
    /// The update for a client running <paramref name="current"/>: the newest active version above it when the
    /// product serves latest updates, otherwise the next active version after it (LicenseBox style, one step at a
    /// time). Null when the client is up to date.
    /// </summary>
    public static ProductVersion? SelectUpdate(IEnumerable<ProductVersion> versions, SemanticVersion current, bool serveLatestUpdates)
    {
        ArgumentNullException.ThrowIfNull(current);
        var newer = Ordered(versions).Where(v => v.SemanticVersion > current);
        return serveLatestUpdates ? newer.LastOrDefault() : newer.FirstOrDefault();
    }

    /// <summary>The newest active version, or null when the product has none.</summary>
    public static ProductVersion? Latest(IEnumerable<ProductVersion> versions) => Ordered(versions).LastOrDefault();

    /// <summary>Active versions, oldest first.</summary>
    private static IEnumerable<ProductVersion> Ordered(IEnumerable<ProductVersion> versions) =>
        versions
            .Where(v => v.IsActive)
            .OrderBy(v => v.SemanticVersion)
            .ThenBy(v => v.ReleasedAt)
            .ThenBy(v => v.VersionId, StringComparer.Ordinal);
}
