using KeyBox.Application.Audit.Queries.ListAuditLog;
using KeyBox.Application.Stats.Queries.GetDailyStats;
using KeyBox.Domain.Audit;
using Microsoft.AspNetCore.Mvc;

namespace KeyBox.WebApi.Contracts.Internal;

/// <summary>Filters of <c>GET /api/internal/audit-log</c>.</summary>
public sealed class AuditLogQuery
{
    /// <summary>An account id or an API key id: the entries it made.</summary>
    [FromQuery(Name = "actor")]
    public string? Actor { get; init; }

    /// <summary>An entity type (<c>license</c>, <c>product</c>, <c>customer</c>, <c>api_key</c>, <c>webhook</c>, <c>user</c>, <c>version</c>, <c>settings</c>), an entity id, or <c>type:id</c>.</summary>
    [FromQuery(Name = "entity")]
    public string? Entity { get; init; }

    /// <summary>An action (<c>license.blocked</c>), or every action on an entity type (<c>license.*</c>).</summary>
    [FromQuery(Name = "action")]
    public string? Action { get; init; }

    /// <summary>ISO 8601 date or date-time (UTC when no offset): entries at or after it.</summary>
    [FromQuery(Name = "from")]
    public string? From { get; init; }

    /// <summary>ISO 8601 date (through that day's end) or date-time: entries at or before it.</summary>
    [FromQuery(Name = "to")]
    public string? To { get; init; }
}

/// <summary>One change: who (<c>actor_*</c>: the account, and the API key when one was used; all null for anonymous SDK calls and the server itself), what (<c>action</c>, <c>entity_type</c>, <c>entity_id</c>), whose data (<c>owner_id</c>), when, from where (<c>ip_address</c>, <c>surface</c>).</summary>
public sealed record AuditEntryResource(
    Guid Id,
    DateTimeOffset OccurredAt,
    string Action,
    string EntityType,
    Guid? EntityId,
    Guid? OwnerId,
    Guid? ActorUserId,
    string? ActorEmail,
    Guid? ActorApiKeyId,
    string? ActorApiKeyName,
    string? IpAddress,
    string Surface)
{
    public static AuditEntryResource From(AuditEntryDto e) =>
        new(e.Id, e.OccurredAt, e.Action, e.EntityType, e.EntityId, e.OwnerId, e.ActorUserId, e.ActorEmail, e.ActorApiKeyId, e.ActorApiKeyName,
            e.IpAddress, SurfaceName(e.Surface));

    /// <summary><c>internal</c>, <c>keybox</c>, <c>external</c>, <c>legacy</c>, <c>console</c>, <c>cli</c> or <c>system</c>.</summary>
    public static string SurfaceName(AuditSurface surface) => surface.ToString().ToLowerInvariant();
}

/// <summary>Filters of <c>GET /api/internal/stats/daily</c>.</summary>
public sealed class DailyStatsQuery
{
    /// <summary>First day (yyyy-MM-dd, UTC), included; default 29 days before <c>to</c>.</summary>
    [FromQuery(Name = "from")]
    public string? From { get; init; }

    /// <summary>Last day (yyyy-MM-dd, UTC), included; default today.</summary>
    [FromQuery(Name = "to")]
    public string? To { get; init; }

    /// <summary>Only this product's counts.</summary>
    [FromQuery(Name = "product_reference_id")]
    public string? ProductReferenceId { get; init; }
}

/// <summary>One day's counts (<c>date</c> as yyyy-MM-dd, UTC).</summary>
public sealed record DailyStatsResource(DateOnly Date, long Verifications, long Activations, long Deactivations, long Downloads)
{
    public static DailyStatsResource From(DailyStatsDto d) => new(d.Date, d.Verifications, d.Activations, d.Deactivations, d.Downloads);
}
