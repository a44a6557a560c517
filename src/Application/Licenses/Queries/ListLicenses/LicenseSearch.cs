using System.Buffers.Text;
using System.Linq.Expressions;
using System.Text;
using KeyBox.Application.Common.Exceptions;
using KeyBox.Application.Common.Interfaces;
using KeyBox.Application.Common.Models;
using KeyBox.Domain.Licenses;
using Microsoft.EntityFrameworkCore;

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
/// <item>the other licenses of the customers with that reference, by customer then id (<c>(customer_id, id)</c>).</item>
/// </list>
/// A prefix is the ordinal range [term, next string after every string starting with term), which an index
/// built with COLLATE "C" answers whatever the database's collation and whether the plan is custom or generic.
/// A page takes at most take = per_page + 1 ids from each group (UNION ALL of index-ordered, LIMITed
/// subqueries), keeps the first per_page + 1 of them in group order and only then joins the rows it returns.
/// The cursor is the position of a page's last license: its id, group and key (code, e-mail or customer id).
/// A plain id cursor (as a listing page gives) is accepted too: the position is then read from that license.
/// </summary>
internal static class LicenseSearch
{
    private const int CodeMatch = 1;
    private const int EmailMatch = 2;
    private const int CustomerMatch = 3;
    private const int MaxCustomers = 100;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async Task<Page<LicenseRow>> PageAsync(IReadStore store, IQueryable<License> licenses, string term, PageRequest request, CancellationToken cancellationToken)
    {
        var perPage = Math.Clamp(request.PerPage, 1, PageRequest.MaxPerPage);
        var lowered = term.ToLowerInvariant();
        var codeMatch = StartsWith(l => l.LicenseCode, term);
        var emailMatch = StartsWith(l => l.Email, lowered);

        // The customers with that reference first: their ids make the third group a range of (customer_id, id).
        var customerIds = await store.Customers.Where(c => c.Reference == term).OrderBy(c => c.Id).Select(c => c.Id)
            .Take(MaxCustomers).ToListAsync(cancellationToken);
        var after = await PositionAsync(licenses, request.Cursor, term, lowered, customerIds, cancellationToken);
        var skip = after is null && request.Page is > 1 ? (request.Page.Value - 1) * perPage : 0;
        var take = skip + perPage + 1;
        var afterGroup = after?.Group ?? 0;

        IQueryable<SearchHit>? hits = null;
        if (afterGroup <= CodeMatch)
        {
            var matches = licenses.Where(codeMatch);
            if (after is { Group: CodeMatch, Key: { } afterCode })
            {
                matches = matches.Where(l => string.Compare(StoreFunctions.Ordinal(l.LicenseCode), afterCode) > 0);
            }

            hits = Union(hits, matches.OrderBy(l => StoreFunctions.Ordinal(l.LicenseCode)).TakeConstant(take)
                .Select(l => new SearchHit { Id = l.Id, Group = CodeMatch, Code = l.LicenseCode, Email = null, CustomerId = l.CustomerId }));
        }

        if (afterGroup <= EmailMatch)
        {
            var matches = licenses.Where(emailMatch).Where(Not(codeMatch));
            if (after is { Group: EmailMatch, Key: { } afterEmail, Id: var afterId })
            {
                // The first condition bounds the index range; the second is the exact (email, id) > cursor.
                matches = matches.Where(l => string.Compare(StoreFunctions.Ordinal(l.Email), afterEmail) >= 0
                    && (string.Compare(StoreFunctions.Ordinal(l.Email), afterEmail) > 0 || (l.Email == afterEmail && l.Id > afterId)));
            }

            hits = Union(hits, matches.OrderBy(l => StoreFunctions.Ordinal(l.Email)).ThenBy(l => l.Id).TakeConstant(take)
                .Select(l => new SearchHit { Id = l.Id, Group = EmailMatch, Code = null, Email = l.Email, CustomerId = l.CustomerId }));
        }

        if (customerIds.Count > 0)
        {
            var matches = licenses.Where(l => l.CustomerId != null && customerIds.Contains(l.CustomerId.Value)).Where(Not(codeMatch)).Where(Not(emailMatch));
            if (after is { Group: CustomerMatch, CustomerId: { } afterCustomer, Id: var afterId })
            {
                matches = matches.Where(l => l.CustomerId >= afterCustomer && (l.CustomerId > afterCustomer || (l.CustomerId == afterCustomer && l.Id > afterId)));
            }

            hits = Union(hits, matches.OrderBy(l => l.CustomerId).ThenBy(l => l.Id).TakeConstant(take)
                .Select(l => new SearchHit { Id = l.Id, Group = CustomerMatch, Code = null, Email = null, CustomerId = l.CustomerId }));
        }

        if (hits is null)
        {
            return new Page<LicenseRow>([], perPage, false, null);
        }

        // Every group carries its customer id (a NULL literal would make PostgreSQL type the UNION column as
        // text); only the customer group is ordered by it.
        // Limits are written into the SQL (TakeConstant) so that PostgreSQL can keep a generic plan; no OFFSET unless a
        // page number asks for one.
        IQueryable<SearchHit> ordered = hits
            .OrderBy(h => h.Group).ThenBy(h => StoreFunctions.Ordinal(h.Code)).ThenBy(h => StoreFunctions.Ordinal(h.Email))
            .ThenBy(h => h.Group == CustomerMatch ? h.CustomerId : null).ThenBy(h => h.Id);
        if (skip > 0)
        {
            ordered = ordered.Skip(skip);
        }

        var window = ordered.TakeConstant(perPage + 1);
        var items = await (
            from h in window
            join r in store.Rows() on h.Id equals r.Id
            orderby h.Group, StoreFunctions.Ordinal(h.Code), StoreFunctions.Ordinal(h.Email), h.Group == CustomerMatch ? h.CustomerId : null, h.Id
            select new { Hit = h, Row = r }).ToListAsync(cancellationToken);

        var hasMore = items.Count > perPage;
        if (hasMore)
        {
            items.RemoveAt(items.Count - 1);
        }

        var next = hasMore ? Encode(items[^1].Hit) : null;
        return new Page<LicenseRow>(items.Select(i => i.Row).ToList(), perPage, hasMore, next);
    }

    /// <summary>Where <paramref name="text"/> starts with <paramref name="prefix"/>, as an ordinal range.</summary>
    private static Expression<Func<License, bool>> StartsWith(Expression<Func<License, string?>> text, string prefix)
    {
        var (lower, upper) = PrefixRange(prefix);
        Expression<Func<string?, bool>> inRange = upper is null
            ? t => t != null && string.Compare(StoreFunctions.Ordinal(t), lower) >= 0
            : t => t != null && string.Compare(StoreFunctions.Ordinal(t), lower) >= 0 && string.Compare(StoreFunctions.Ordinal(t), upper) < 0;
        var body = new ReplaceParameter(inRange.Parameters[0], text.Body).Visit(inRange.Body);
        return Expression.Lambda<Func<License, bool>>(body, text.Parameters);
    }

    private static Expression<Func<License, bool>> Not(Expression<Func<License, bool>> condition) =>
        Expression.Lambda<Func<License, bool>>(Expression.Not(condition.Body), condition.Parameters);

    /// <summary>
    /// The strings that start with <paramref name="prefix"/> are, in code point order (UTF-8 byte order, i.e.
    /// COLLATE "C"), those from the prefix itself up to, excluding, the prefix with its last code point
    /// incremented (carrying over U+10FFFF). Null upper bound: no string is above them all.
    /// </summary>
    internal static (string Lower, string? Upper) PrefixRange(string prefix)
    {
        var runes = prefix.EnumerateRunes().ToList();
        while (runes.Count > 0)
        {
            var last = runes[^1].Value;
            runes.RemoveAt(runes.Count - 1);
            if (last < 0x10FFFF)
            {
                runes.Add(new Rune(last + 1 == 0xD800 ? 0xE000 : last + 1));
                return (prefix, string.Concat(runes));
            }
        }

        return (prefix, null);
    }

    private static IQueryable<SearchHit> Union(IQueryable<SearchHit>? hits, IQueryable<SearchHit> group) =>
        hits is null ? group : hits.Concat(group);

    private static string Encode(SearchHit hit)
    {
        var key = hit.Group switch
        {
            CodeMatch => StrictUtf8.GetBytes(hit.Code!),
            EmailMatch => StrictUtf8.GetBytes(hit.Email!),
            _ => hit.CustomerId!.Value.ToByteArray(bigEndian: true),
        };
        return Base64Url.EncodeToString([.. hit.Id.ToByteArray(bigEndian: true), (byte)hit.Group, .. key]);
    }

    private static async Task<Position?> PositionAsync(
        IQueryable<License> licenses, string? cursor, string term, string lowered, List<Guid> customerIds, CancellationToken cancellationToken)
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
            var row = await licenses.Where(l => l.Id == id).Select(l => new { l.LicenseCode, l.Email, l.CustomerId }).FirstOrDefaultAsync(cancellationToken);
            return row switch
            {
                null => throw InvalidCursor(),
                _ when row.LicenseCode.StartsWith(term, StringComparison.Ordinal) => new Position(id, CodeMatch, row.LicenseCode, null),
                { Email: { } email } when email.StartsWith(lowered, StringComparison.Ordinal) => new Position(id, EmailMatch, email, null),
                { CustomerId: { } customer } when customerIds.Contains(customer) => new Position(id, CustomerMatch, null, customer),
                _ => throw InvalidCursor(),
            };
        }

        var key = bytes.AsSpan(17);
        try
        {
            return bytes[16] switch
            {
                CodeMatch or EmailMatch when key.Length > 0 => new Position(id, bytes[16], StrictUtf8.GetString(key), null),
                CustomerMatch when key.Length == 16 => new Position(id, CustomerMatch, null, new Guid(key, bigEndian: true)),
                _ => throw InvalidCursor(),
            };
        }
        catch (DecoderFallbackException)
        {
            throw InvalidCursor();
        }
    }

    private static ValidationException InvalidCursor() => ValidationException.For("cursor", "The cursor is invalid.");

    private sealed record Position(Guid Id, int Group, string? Key, Guid? CustomerId);

    private sealed class ReplaceParameter(ParameterExpression parameter, Expression replacement) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? replacement : base.VisitParameter(node);
    }
}

/// <summary>One search match before its row is read: the id and the keys of the search order.</summary>
internal sealed class SearchHit
{
    public Guid Id { get; init; }

    public int Group { get; init; }

    public string? Code { get; init; }

    public string? Email { get; init; }

    public Guid? CustomerId { get; init; }
}
