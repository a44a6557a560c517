namespace KeyBox.Application.Audit;

/// <summary>
/// The command being handled in this scope, as the activity log will name it. <see cref="Common.Behaviours.AuditBehaviour{TMessage, TResponse}"/>
/// opens it around a command's handler; the unit of work reads it when it saves, and adds the log entry to the same
/// save (one transaction, no extra round trip). One entry per command: <see cref="MarkWritten"/> stops a second save
/// of the same command from adding another.
/// </summary>
public sealed class AuditTrail
{
    private int _depth;

    /// <summary>The action of the outermost command in progress (e.g. <c>license.created</c>); null outside a command.</summary>
    public string? Action { get; private set; }

    /// <summary>The entity type the action names (<c>license</c> for <c>license.created</c>): preferred when a save changes several.</summary>
    public string? EntityHint { get; private set; }

    public bool Written { get; private set; }

    public void Begin(string action)
    {
        if (_depth++ > 0)
        {
            return;
        }

        Action = action;
        EntityHint = action.Split('.')[0];
        Written = false;
    }

    public void End()
    {
        if (--_depth > 0)
        {
            return;
        }

        _depth = 0;
        Action = null;
        EntityHint = null;
        Written = false;
    }

    public void MarkWritten() => Written = true;
}
