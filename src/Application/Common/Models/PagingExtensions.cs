using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace KeyBox.Application.Common.Models;

public static class PagingExtensions
{
    /// <summary>
    /// Pages a query in id order (ids are time-ordered). A cursor gives an index range scan; a page number
    /// falls back to an offset. One extra row tells whether more exist, so no COUNT(*) is needed.
    /// </summary>
    public static async Task<Page<TDto>> ToKeysetPageAsync<TEntity, TDto>(
        this IQueryable<TEntity> query,
        Expression<Func<TEntity, Guid>> idSelector,
        Expression<Func<TEntity, TDto>> projection,
        Func<TDto, Guid> dtoId,
        PageRequest request,
        CancellationToken cancellationToken)
    {
        var perPage = Math.Clamp(request.PerPage, 1, PageRequest.MaxPerPage);
        var after = Cursor.DecodeId(request.Cursor);
        if (after is { } afterId)
        {
            var parameter = idSelector.Parameters[0];
            // A member of a closure object, not a constant: EF Core turns it into a parameter, so every cursor
            // shares one compiled query instead of compiling (and caching) a new one per page.
            var bound = Expression.Property(Expression.Constant(new CursorValue(afterId)), nameof(CursorValue.Id));
            var greater = Expression.GreaterThan(idSelector.Body, bound);
            query = query.Where(Expression.Lambda<Func<TEntity, bool>>(greater, parameter));
        }

        var ordered = query.OrderBy(idSelector);
        IQueryable<TEntity> window = ordered;
        if (after is null && request.Page is > 1)
        {
            window = ordered.Skip((request.Page.Value - 1) * perPage);
        }

        var items = await window.Take(perPage + 1).Select(projection).ToListAsync(cancellationToken);
        var hasMore = items.Count > perPage;
        if (hasMore)
        {
            items.RemoveAt(items.Count - 1);
        }

        var next = hasMore ? Cursor.Encode(dtoId(items[^1])) : null;
        return new Page<TDto>(items, perPage, hasMore, next);
    }

    private sealed record CursorValue(Guid Id);
}
