using System.Collections.Concurrent;
using KeyBox.Application.Common.Interfaces;
using KeyBox.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KeyBox.Infrastructure.Persistence;

/// <summary>
/// Runs the <see cref="IDomainEventHandler{TEvent}"/>s of the events raised by the tracked entities, before the save
/// that persists them: what the handlers add to the context is saved in the same transaction. A handler registered
/// for a base type (or interface) of an event receives it too. Events raised by handlers are dispatched in turn.
/// </summary>
internal sealed class DomainEventDispatcher(IServiceProvider services)
{
    private const int MaxRounds = 10;
    private static readonly ConcurrentDictionary<Type, Invoker[]> InvokersByEventType = new();

    public async Task DispatchAsync(DbContext db, CancellationToken cancellationToken)
    {
        for (var round = 0; round < MaxRounds; round++)
        {
            var raising = db.ChangeTracker.Entries<Entity>()
                .Select(e => e.Entity)
                .Where(e => e.DomainEvents.Count > 0)
                .ToList();
            if (raising.Count == 0)
            {
                return;
            }

            var events = raising.SelectMany(e => e.DomainEvents).ToList();
            raising.ForEach(e => e.ClearDomainEvents());
            foreach (var domainEvent in events)
            {
                foreach (var invoker in InvokersByEventType.GetOrAdd(domainEvent.GetType(), InvokersFor))
                {
                    await invoker.InvokeAsync(services, domainEvent, cancellationToken);
                }
            }
        }

        throw new InvalidOperationException($"Domain event handlers kept raising events after {MaxRounds} rounds.");
    }

    private static Invoker[] InvokersFor(Type eventType)
    {
        var types = new List<Type>();
        for (var type = eventType; type is not null && typeof(IDomainEvent).IsAssignableFrom(type); type = type.BaseType)
        {
            types.Add(type);
        }

        types.AddRange(eventType.GetInterfaces().Where(i => typeof(IDomainEvent).IsAssignableFrom(i)));
        return types.Select(t => (Invoker)Activator.CreateInstance(typeof(Invoker<>).MakeGenericType(t))!).ToArray();
    }

    private abstract class Invoker
    {
        public abstract Task InvokeAsync(IServiceProvider services, IDomainEvent domainEvent, CancellationToken cancellationToken);
    }

    private sealed class Invoker<TEvent> : Invoker
        where TEvent : IDomainEvent
    {
        public override async Task InvokeAsync(IServiceProvider services, IDomainEvent domainEvent, CancellationToken cancellationToken)
        {
            foreach (var handler in services.GetServices<IDomainEventHandler<TEvent>>())
            {
                await handler.HandleAsync((TEvent)domainEvent, cancellationToken);
            }
        }
    }
}
