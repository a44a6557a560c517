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

    /// <summary>
    /// The owner rule, for SQL and EF Core query filters: null when the actor sees every owner's rows, otherwise the only
    /// owner whose rows it sees (<see cref="Guid.Empty"/>, which owns nothing, for an actor that is neither an
    /// administrator nor an account). The read ports, the SQL readers and the query filters all take it from here.
    /// </summary>
    Guid? OwnerScope => SeesEverything ? null : UserId ?? Guid.Empty;

    /// <summary>The owner rule for a row in hand (a cached one, or one read without the query filters): may the actor see a row of this owner?</summary>
    bool CanSee(Guid ownerId) => OwnerScope is not { } scope || scope == ownerId;
}
