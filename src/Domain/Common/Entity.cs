namespace KeyBox.Domain.Common;

/// <summary>Base type for entities: a time-ordered identifier and the domain events raised since the last save.</summary>
public abstract class Entity
{
    private readonly List<IDomainEvent> _domainEvents = [];

    protected Entity() => Id = Guid.CreateVersion7();

    protected Entity(Guid id) => Id = id;

    public Guid Id { get; protected set; }

    public IReadOnlyCollection<IDomainEvent> DomainEvents => _domainEvents.AsReadOnly();

    protected void Raise(IDomainEvent domainEvent) => _domainEvents.Add(domainEvent);

    public void ClearDomainEvents() => _domainEvents.Clear();
}

/// <summary>Marks the root of an aggregate: the only entity a repository loads and saves.</summary>
public interface IAggregateRoot;

/// <summary>Something that happened in the domain, dispatched within the transaction that saves it.</summary>
public interface IDomainEvent
{
    DateTimeOffset OccurredAt { get; }
}
