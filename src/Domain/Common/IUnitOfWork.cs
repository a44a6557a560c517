namespace KeyBox.Domain.Common;

/// <summary>Saves every change tracked by the repositories of one request in one transaction.</summary>
public interface IUnitOfWork
{
    Task SaveChangesAsync(CancellationToken cancellationToken);
}
