using System.Buffers.Text;
using System.Text;
using KeyBox.Application.Common.Exceptions;
using KeyBox.Application.Common.Models;

namespace KeyBox.Application.Licenses.Queries.ListLicenses;

/// <summary>
/// License search, paged so that every page, first or deep, is a few index range scans whatever the number of
/// matches. A license matches when its code starts with the term (case-sensitive), its e-mail starts with the
/// lower-cased term, or its customer's reference is the term. Results come in three groups, each in the order
/// of the index that finds it (id order cannot be served by a prefix index, and sorting all matches of a
/// common prefix is what made such searches slow):
/// <list type="number">
/// <item>code matches, by code (ordinal order: <c>ix_licenses_license_code_ordinal</c>);</item>
/// <item>the other e-mail matches, by e-mail then id (<c>ix_licenses_email_ordinal_id</c>);</item>
/// <item>the other licenses of the customers with that reference (at most <see cref="SearchWindow.MaxCustomers"/>),
/// by customer then id (<c>(customer_id, id)</c>).</item>
/// </list>
/// A prefix is the ordinal range [term, next string after every string starting with term), which an index
/// built with COLLATE "C" answers whatever the database's collation and whether the plan is custom or generic.
/// A page takes at most per_page + 1 hits from each group after the cursor, keeps the first per_page + 1 of them
/// in group order and only then reads the rows it returns (<see cref="ILicensePageReader.SearchAsync"/>).
/// The cursor is the position of a page's last license: its id, group and key (code, e-mail or customer id).
/// A plain id cursor (as a listing page gives) is accepted too: the position is then read from that license.
/// </summary>
internal static class LicenseSearch
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async Task<Page<LicenseRow>> PageAsync(ILicensePageReader reader, LicenseFilter filter, string term, PageRequest request, CancellationToken cancellationToken)
    {
        var perPage = request.Size;
        var lowered = term.ToLowerInvariant();
        var after = await PositionAsync(reader, filter, request.Cursor, term, lowered, cancellationToken);
        var skip = request.Offset(after is not null);
        var window = new SearchWindow(PrefixRange(term), PrefixRange(lowered), term, after, skip, perPage + 1);
        var hits = (await reader.SearchAsync(filter, window, cancellationToken)).ToList();

        var hasMore = hits.Count > perPage;
        if (hasMore)
        {
            hits.RemoveAt(hits.Count - 1);
        }

        var next = hasMore ? Encode(hits[^1]) : null;
        return new Page<LicenseRow>(hits.Select(h => h.Row).ToList(), perPage, hasMore, next);
    }

    /// <summary>
    /// The strings that start with <paramref name="prefix"/> are, in code point order (UTF-8 byte order, i.e.
    /// COLLATE "C"), those from the prefix itself up to, excluding, the prefix with its last code point
    /// incremented (carrying over U+10FFFF). Null upper bound: no string is above them all.
    /// </summary>
    internal static OrdinalRange PrefixRange(string prefix)
    {
        var runes = prefix.EnumerateRunes().ToList();
        while (runes.Count > 0)
        {
            var last = runes[^1].Value;
            runes.RemoveAt(runes.Count - 1);
            if (last < 0x10FFFF)
            {
                runes.Add(new Rune(last + 1 == 0xD800 ? 0xE000 : last + 1));
                return new OrdinalRange(prefix, string.Concat(runes));
            }
        }

        return new OrdinalRange(prefix, null);
    }

    private static string Encode(SearchResult hit)
    {
        var key = hit.Group switch
        {
            SearchGroup.Code => StrictUtf8.GetBytes(hit.Code!),
            SearchGroup.Email => StrictUtf8.GetBytes(hit.Email!),
            _ => hit.CustomerId!.Value.ToByteArray(bigEndian: true),
        };
        return Base64Url.EncodeToString([.. hit.Row.Id.ToByteArray(bigEndian: true), (byte)hit.Group, .. key]);
    }

    private static async Task<SearchPosition?> PositionAsync(
        ILicensePageReader reader, LicenseFilter filter, string? cursor, string term, string lowered, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }

        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(cursor);
        }
        catch (FormatException)
        {
            throw InvalidCursor();
        }

        if (bytes.Length < 16)
        {
            throw InvalidCursor();
        }

        var id = new Guid(bytes.AsSpan(0, 16), bigEndian: true);
        if (bytes.Length == 16)
        {
            // A plain id: that license's place in this search.
            return await reader.SearchKeysAsync(filter, id, term, cancellationToken) switch
            {
                null => throw InvalidCursor(),
                { Code: var code } when code.StartsWith(term, StringComparison.Ordinal) => new SearchPosition(id, SearchGroup.Code, code, null),
                { Email: { } email } when email.StartsWith(lowered, StringComparison.Ordinal) => new SearchPosition(id, SearchGroup.Email, email, null),
                { CustomerId: { } customer, CustomerMatches: true } => new SearchPosition(id, SearchGroup.Customer, null, customer),
                _ => throw InvalidCursor(),
            };
        }

        var key = bytes.AsSpan(17);
        try
        {
            return bytes[16] switch
            {
                SearchGroup.Code or SearchGroup.Email when key.Length > 0 => new SearchPosition(id, bytes[16], StrictUtf8.GetString(key), null),
                SearchGroup.Customer when key.Length == 16 => new SearchPosition(id, SearchGroup.Customer, null, new Guid(key, bigEndian: true)),
                _ => throw InvalidCursor(),
            };
        }
        catch (DecoderFallbackException)
        {
            throw InvalidCursor();
        }
    }

    private static ValidationException InvalidCursor() => ValidationException.For("cursor", "The cursor is invalid.");
}
