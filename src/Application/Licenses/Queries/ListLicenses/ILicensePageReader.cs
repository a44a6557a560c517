namespace KeyBox.Application.Licenses.Queries.ListLicenses;

/// <summary>
/// Reads the pages of the license listing and search. The listing is the busiest read of the internal API and
/// dashboard, so Infrastructure answers it with one hand-written statement per page (a cached, prepared plan;
/// no query translation per request). What a page is — its order, its groups, where it starts — is decided by
/// <see cref="ListLicensesQueryHandler"/> and <see cref="LicenseSearch"/>; a reader only applies it. Every read
/// sees only the licenses, products and customers the current actor may see.
/// </summary>
public interface ILicensePageReader
{
    /// <summary>The licenses matching <paramref name="filter"/> in id order: after <paramref name="after"/> when given, else from the start skipping <paramref name="skip"/>; at most <paramref name="take"/>.</summary>
    Task<IReadOnlyList<LicenseRow>> ListAsync(LicenseFilter filter, Guid? after, int skip, int take, CancellationToken cancellationToken);

    /// <summary>A window of search hits with their rows, in search order (group, then the group's key, then id).</summary>
    Task<IReadOnlyList<SearchResult>> SearchAsync(LicenseFilter filter, SearchWindow window, CancellationToken cancellationToken);

    /// <summary>The search keys of one license matching <paramref name="filter"/> (null when there is none), for a plain id cursor.</summary>
    Task<SearchKeys?> SearchKeysAsync(LicenseFilter filter, Guid id, string customerReference, CancellationToken cancellationToken);
}

/// <summary>
/// Conditions on the listed licenses; each is optional and all given must hold. <c>Status</c> is the status at
/// <c>At</c> (the rule of <see cref="Domain.Licenses.License.DeriveStatus"/>, written as conditions on the row).
/// </summary>
public sealed record LicenseFilter(
    string? ProductReferenceId,
    Guid? ProductId,
    string? CustomerReference,
    Guid? CustomerId,
    Domain.Licenses.LicenseStatus? Status = null,
    DateTimeOffset At = default);

/// <summary>The ordinal (code point) range [Lower, Upper) of the strings starting with a prefix; no upper bound when <c>Upper</c> is null.</summary>
public sealed record OrdinalRange(string Lower, string? Upper);

/// <summary>
/// One page's read of a search: the code range (case-sensitive), the e-mail range (lower-cased), the customer
/// reference (exact; at most <see cref="MaxCustomers"/> customers in id order), the position the page starts after
/// (null: from the start, skipping <paramref name="Skip"/> hits), and <paramref name="Take"/> hits at most.
/// </summary>
public sealed record SearchWindow(OrdinalRange Code, OrdinalRange Email, string CustomerReference, SearchPosition? After, int Skip, int Take)
{
    public const int MaxCustomers = 100;
}

/// <summary>Where a search page ends: the last license's id and group, and its key in that group (code, e-mail or customer id).</summary>
public sealed record SearchPosition(Guid Id, int Group, string? Key, Guid? CustomerId);

/// <summary>The groups of a search, in the order they are listed (see <see cref="LicenseSearch"/>).</summary>
public static class SearchGroup
{
    public const int Code = 1;
    public const int Email = 2;
    public const int Customer = 3;
}

/// <summary>A search hit: the keys of the search order and the license's row.</summary>
public sealed record SearchResult(int Group, string? Code, string? Email, Guid? CustomerId, LicenseRow Row);

/// <summary>What places one license in a search: its code, e-mail and customer, and whether that customer has the searched reference.</summary>
public sealed record SearchKeys(string Code, string? Email, Guid? CustomerId, bool CustomerMatches);
