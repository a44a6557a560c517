using KeyBox.Domain.Common;

namespace KeyBox.Domain.Audit;

/// <summary>Through which door a change came in.</summary>
public enum AuditSurface
{
    /// <summary>Background work of the server itself (scheduled scans, start-up).</summary>
    System,

    /// <summary>The internal (admin) API, <c>/api/internal</c>.</summary>
    Internal,

    /// <summary>The KeyBox API (root routes, KeyBox SDKs).</summary>
    KeyBox,

    /// <summary>The external API, <c>/api/external</c>.</summary>
    External,

    /// <summary>The LicenseBox legacy routes.</summary>
    Legacy,

    /// <summary>The admin console (<c>/admin</c>).</summary>
    Console,

    /// <summary>An operator command (<c>./build.sh api-keys ...</c>).</summary>
    Cli,
}

/// <summary>
/// One change in the activity log: who (an account, through an API key or not; nobody for anonymous SDK calls and the
/// system), did what (<see cref="Action"/>, e.g. <c>license.blocked</c>), to which entity, whose data it was
/// (<see cref="OwnerId"/>), when, from which address and through which surface. Written with the change it records, in
/// the same transaction; never changed afterwards.
/// </summary>
public sealed class AuditEntry : Entity
{
    public const int ActionMaxLength = 100;
    public const int EntityTypeMaxLength = 50;
    public const int IpAddressMaxLength = 45;

    private AuditEntry()
    {
        Action = string.Empty;
        EntityType = string.Empty;
    }

    private AuditEntry(string action, string entityType) : base(Guid.CreateVersion7())
    {
        Action = action;
        EntityType = entityType;
    }

    public DateTimeOffset OccurredAt { get; private set; }

    /// <summary><c>entity.verb_in_past_tense</c>, e.g. <c>license.created</c>, <c>activation.deactivated</c>.</summary>
    public string Action { get; private set; }

    /// <summary>The aggregate the change concerns (<c>license</c>, <c>product</c>, ...): an activation's changes are its license's.</summary>
    public string EntityType { get; private set; }

    public Guid? EntityId { get; private set; }

    /// <summary>The account whose data changed; null for server-wide things (settings) nobody but an ADMIN sees.</summary>
    public Guid? OwnerId { get; private set; }

    /// <summary>The account that made the change (directly or through its API key); null for anonymous calls and the system.</summary>
    public Guid? ActorUserId { get; private set; }

    public Guid? ActorApiKeyId { get; private set; }

    public string? IpAddress { get; private set; }

    public AuditSurface Surface { get; private set; }

    public static AuditEntry Record(
        string action,
        string entityType,
        Guid? entityId,
        Guid? ownerId,
        Guid? actorUserId,
        Guid? actorApiKeyId,
        string? ipAddress,
        AuditSurface surface,
        DateTimeOffset occurredAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        ArgumentException.ThrowIfNullOrWhiteSpace(entityType);
        return new AuditEntry(Cut(action, ActionMaxLength)!, Cut(entityType, EntityTypeMaxLength)!)
        {
            EntityId = entityId,
            OwnerId = ownerId,
            ActorUserId = actorUserId,
            ActorApiKeyId = actorApiKeyId,
            IpAddress = Cut(ipAddress, IpAddressMaxLength),
            Surface = surface,
            OccurredAt = occurredAt,
        };
    }

    private static string? Cut(string? value, int max) => value is { Length: var length } && length > max ? value[..max] : value;
}
