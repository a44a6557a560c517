namespace KeyBox.Infrastructure.Persistence;

/// <summary>
/// Work that must wait until the unit of work has committed (waking the webhook dispatcher: before the commit it
/// would find nothing). Scoped, like the unit of work; dropped when the transaction rolls back.
/// </summary>
internal sealed class CommitCallbacks
{
    private List<Action>? _callbacks;

    public void Add(Action callback) => (_callbacks ??= []).Add(callback);

    public void RunAndClear()
    {
        var callbacks = _callbacks;
        _callbacks = null;
        foreach (var callback in callbacks ?? [])
        {
            callback();
        }
    }

    public void Clear() => _callbacks = null;
}
