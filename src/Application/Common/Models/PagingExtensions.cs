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
        var perPage = request.Size;
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
        var skip = request.Offset(after is not null);
        if (skip > 0)
        {
            window = ordered.Skip(skip);
        }

        var items = await window.TakeConstant(perPage + 1).Select(projection).ToListAsync(cancellationToken);
        var hasMore = items.Count > perPage;
        if (hasMore)
        {
            items.RemoveAt(items.Count - 1);
        }

        var next = hasMore ? Cursor.Encode(dtoId(items[^1])) : null;
        return new Page<TDto>(items, perPage, hasMore, next);
    }

    /// <summary>
    /// <c>Take(count)</c> with the count written into the SQL (<c>LIMIT 16</c>) instead of a parameter. PostgreSQL
    /// cannot cost a generic plan for <c>LIMIT $n</c>, so it plans such a statement at every execution even when it is
    /// prepared; with the page size written in, it settles on a cached plan (the planning saved per list page is in
    /// bench/README.md, "Measurements and changes"). Page sizes are bounded, so the number of distinct statements is too.
    /// </summary>
    public static IQueryable<T> TakeConstant<T>(this IQueryable<T> query, int count)
    {
        var constant = Expression.Call(ConstantMethod.MakeGenericMethod(typeof(int)), Expression.Constant(count));
        return query.Provider.CreateQuery<T>(Expression.Call(null, TakeMethod.MakeGenericMethod(typeof(T)), query.Expression, constant));
    }

    private static readonly System.Reflection.MethodInfo ConstantMethod = typeof(EF).GetMethod(nameof(EF.Constant))!;

    private static readonly System.Reflection.MethodInfo TakeMethod = typeof(Queryable).GetMethods()
        .Single(m => m.Name == nameof(Queryable.Take) && m.GetParameters()[1].ParameterType == typeof(int));

    private sealed record CursorValue(Guid Id);
}
