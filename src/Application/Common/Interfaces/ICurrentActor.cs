namespace KeyBox.Application.Common.Interfaces;

/// <summary>
/// Who is calling: the account whose data the request may see. Administrators (and the system itself,
/// e.g. background jobs or anonymous licence checks) see everything; a developer sees only what they own.
/// </summary>
public interface ICurrentActor
{
    /// <summary>The account the request acts for; null for the system.</summary>
    Guid? UserId { get; }

    /// <summary>True when the actor may see every owner's data.</summary>
    bool SeesEverything { get; }

    /// <summary>
    /// True when the actor may use admin-only powers (server-wide settings, accounts): an authenticated account whose
    /// current role is ADMIN, or the system itself (background work, operator commands). An anonymous request is not.
    /// </summary>
    bool IsAdmin { get; }

    /// <summary>The account that new resources are owned by.</summary>
    Guid OwnerIdForNewResources { get; }
}
