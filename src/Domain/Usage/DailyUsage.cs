namespace KeyBox.Domain.Usage;

/// <summary>What is counted per product and day.</summary>
public enum UsageKind
{
    Verification = 1,
    Activation = 2,
    Deactivation = 3,
    Download = 4,
}

/// <summary>
/// How many times something happened to one owner's product on one (UTC) day. Counted in memory and added to this row in
/// batches (an additive upsert, so several server processes add up), never written per request: a plain counter, not
/// an aggregate with rules.
/// </summary>
public sealed class DailyUsage
{
    private DailyUsage()
    {
    }

    public Guid OwnerId { get; private set; }

    public Guid ProductId { get; private set; }

    public DateOnly Day { get; private set; }

    public UsageKind Kind { get; private set; }

    public long Count { get; private set; }
}
