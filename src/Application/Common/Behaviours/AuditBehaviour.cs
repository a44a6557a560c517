using KeyBox.Application.Audit;
using Mediator;

namespace KeyBox.Application.Common.Behaviours;

/// <summary>
/// Opens the <see cref="AuditTrail"/> around every command (queries change nothing; <see cref="INotAudited"/> commands
/// opt out). The entry itself is written by the unit of work with the command's changes, so a command that fails
/// before saving, or saves nothing, leaves no entry.
/// </summary>
public sealed class AuditBehaviour<TMessage, TResponse>(AuditTrail trail) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is not IBaseCommand || message is INotAudited)
        {
            return await next(message, cancellationToken);
        }

        trail.Begin(AuditNaming.ActionOf(message));
        try
        {
            return await next(message, cancellationToken);
        }
        finally
        {
            trail.End();
        }
    }
}
