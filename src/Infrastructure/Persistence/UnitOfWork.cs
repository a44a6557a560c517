using KeyBox.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace KeyBox.Infrastructure.Persistence;

/// <summary>Saves the request's changes in one transaction; a unique-key race becomes a 409-style conflict.</summary>
internal sealed class UnitOfWork(KeyBoxDbContext db) : IUnitOfWork
{
    public async Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg)
        {
            throw new DomainException(ErrorCodes.Conflict, $"A record with the same unique value already exists ({pg.ConstraintName}).");
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation } pg)
        {
            throw new DomainException(ErrorCodes.Conflict, $"The record is still referenced, or refers to one that no longer exists ({pg.ConstraintName}).");
        }
    }

    public async Task<IUnitOfWorkTransaction> BeginTransactionAsync(CancellationToken cancellationToken) =>
        new Transaction(await db.Database.BeginTransactionAsync(cancellationToken));

    private sealed class Transaction(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction inner) : IUnitOfWorkTransaction
    {
        public Task CommitAsync(CancellationToken cancellationToken) => inner.CommitAsync(cancellationToken);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
