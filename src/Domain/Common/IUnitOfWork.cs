namespace KeyBox.Domain.Common;

/// <summary>Saves every change tracked by the repositories of one request in one transaction.</summary>
public interface IUnitOfWork
{
    Task SaveChangesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Opens an explicit transaction, for use cases that lock rows before deciding (seat limits). Row locks taken
    /// by repositories are held until <see cref="IUnitOfWorkTransaction.CommitAsync"/>; disposing without
    /// committing rolls back.
    /// </summary>
    Task<IUnitOfWorkTransaction> BeginTransactionAsync(CancellationToken cancellationToken);
}

public interface IUnitOfWorkTransaction : IAsyncDisposable
{
    Task CommitAsync(CancellationToken cancellationToken);
}
