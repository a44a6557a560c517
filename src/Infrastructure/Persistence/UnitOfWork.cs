using KeyBox.Application.Common.Exceptions;
using KeyBox.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace KeyBox.Infrastructure.Persistence;

/// <summary>
/// Saves the request's changes in one transaction; a unique-key race becomes a 409-style conflict. Domain events of
/// the tracked aggregates are dispatched first, so what their handlers add (webhook outbox rows) is saved in the
/// same SaveChanges — inside the explicit transaction when one is open — and so is the activity-log entry of the command
/// in progress (<see cref="AuditCapture"/>).
/// </summary>
internal sealed class UnitOfWork(KeyBoxDbContext db, DomainEventDispatcher domainEvents, CommitCallbacks afterCommit, AuditCapture audit) : IUnitOfWork
{
    public async Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        var saved = false;
        try
        {
            await domainEvents.DispatchAsync(db, cancellationToken);
            audit.AddEntry(db);
            await db.SaveChangesAsync(cancellationToken);
            saved = true;
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "IX_licenses_license_code" })
        {
            // A code taken in the instant between the check and the insert: the same answer as the check gives.
            throw UnavailableValue.LicenseCode();
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "IX_products_reference_id" })
        {
            throw UnavailableValue.ReferenceId();
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg)
        {
            throw new DomainException(ErrorCodes.Conflict, $"A record with the same unique value already exists ({pg.ConstraintName}).");
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation } pg)
        {
            throw new DomainException(ErrorCodes.Conflict, $"The record is still referenced, or refers to one that no longer exists ({pg.ConstraintName}).");
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException(ErrorCodes.Conflict, "The record was changed at the same time by someone else; try again.");
        }
        finally
        {
            if (!saved)
            {
                afterCommit.Clear();
            }
        }

        if (db.Database.CurrentTransaction is null)
        {
            afterCommit.RunAndClear();
        }
    }

    public async Task<IUnitOfWorkTransaction> BeginTransactionAsync(CancellationToken cancellationToken)
    {
        // All or nothing: a failed save ends the request and rolls the whole transaction back, so EF's automatic
        // savepoint around each SaveChanges (two more round trips per save, under the row lock) buys nothing.
        db.Database.AutoSavepointsEnabled = false;
        return new Transaction(await db.Database.BeginTransactionAsync(cancellationToken), afterCommit);
    }

    private sealed class Transaction(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction inner, CommitCallbacks afterCommit) : IUnitOfWorkTransaction
    {
        public async Task CommitAsync(CancellationToken cancellationToken)
        {
            await inner.CommitAsync(cancellationToken);
            afterCommit.RunAndClear();
        }

        public ValueTask DisposeAsync()
        {
            // Committed: the callbacks have run. Not committed: the transaction rolls back and so do they.
            afterCommit.Clear();
            return inner.DisposeAsync();
        }
    }
}
