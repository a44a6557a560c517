using KeyBox.Domain.Common;

namespace KeyBox.Application.Common.Interfaces;

/// <summary>
/// Reacts to a domain event inside the save that persists it: the unit of work collects the events of the tracked
/// aggregates, runs every handler registered for the event's type or any of its base types, then saves — so what a
/// handler adds (an outbox row, say) is written in the same transaction as the change that raised the event.
/// </summary>
public interface IDomainEventHandler<in TEvent>
    where TEvent : IDomainEvent
{
    Task HandleAsync(TEvent domainEvent, CancellationToken cancellationToken);
}
