using KeyBox.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace KeyBox.Application.Common.Queries;

public static class QueryableExtensions
{
    /// <summary>
    /// The first row of a read-store query, or a <see cref="DomainException"/> with <paramref name="errorCode"/> (a 404
    /// on every surface) when there is none — also when the row exists but belongs to an owner the caller may not see.
    /// </summary>
    public static async ValueTask<T> FirstOrNotFoundAsync<T>(this IQueryable<T> query, string errorCode, string message, CancellationToken cancellationToken)
        where T : class =>
        await query.FirstOrDefaultAsync(cancellationToken) ?? throw new DomainException(errorCode, message);
}
