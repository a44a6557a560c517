namespace KeyBox.Domain.Licenses;

/// <summary>
/// Records that a scheduled license event (expiring, expired, update support expired) was emitted for a license
/// and the date it concerns. Unique per (license, event, date): however often and on however many processes the
/// scan runs, each condition fires once; a renewed license that reaches its new date fires again.
/// </summary>
public sealed class LicenseEventMark
{
    private LicenseEventMark()
    {
        EventType = string.Empty;
    }

    public Guid LicenseId { get; private set; }

    public string EventType { get; private set; }

    /// <summary>The date the condition is about: the expiry date, or the end of update support.</summary>
    public DateTimeOffset ConditionDate { get; private set; }

    public DateTimeOffset MarkedAt { get; private set; }
}
