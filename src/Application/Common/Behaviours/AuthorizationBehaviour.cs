using KeyBox.Application.Common.Interfaces;
using KeyBox.Application.Common.Security;
using KeyBox.Domain.Common;
using Mediator;

namespace KeyBox.Application.Common.Behaviours;

/// <summary>
/// Refuses messages marked <see cref="IAdminOnly"/> unless the actor is an ADMIN or the system (403 FORBIDDEN on every
/// surface). It runs first in the pipeline, before validation: a DEVELOPER learns nothing about an admin-only
/// route's input rules, and a refusal never depends on the body.
/// </summary>
public sealed class AuthorizationBehaviour<TMessage, TResponse>(ICurrentActor actor) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public const string AdminOnlyMessage = "Only an ADMIN may do this.";

    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is IAdminOnly && !actor.IsAdmin)
        {
            throw new DomainException(ErrorCodes.Forbidden, AdminOnlyMessage);
        }

        return next(message, cancellationToken);
    }
}
