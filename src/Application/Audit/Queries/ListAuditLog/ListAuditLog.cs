using System.Globalization;
using System.Text.RegularExpressions;
using KeyBox.Application.Common.Exceptions;
using KeyBox.Application.Common.Interfaces;
using KeyBox.Application.Common.Models;
using KeyBox.Domain.Audit;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace KeyBox.Application.Audit.Queries.ListAuditLog;

/// <summary>
/// The activity log's filters, as given (text): <c>actor</c> — an account id or an API key id; <c>entity</c> — an entity
/// type (<c>license</c>), an entity id, or both as <c>license:&lt;id&gt;</c>; <c>action</c> — an action
/// (<c>license.blocked</c>) or every action of an entity type (<c>license.*</c>, or <c>license</c>); <c>from</c> /
/// <c>to</c> — ISO 8601 dates or times (a date alone: <c>from</c> that day's start, <c>to</c> its end, UTC).
/// </summary>
public sealed record AuditLogFilter(string? Actor = null, string? Entity = null, string? Action = null, string? From = null, string? To = null);

/// <summary>The activity log, newest first (keyset paging on the time-ordered ids).</summary>
public sealed record ListAuditLogQuery(AuditLogFilter Filter, PageRequest Page) : IQuery<Page<AuditEntryDto>>;

public sealed record AuditEntryDto(
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
    AuditSurface Surface);

public sealed partial class ListAuditLogQueryHandler(IReadStore store) : IQueryHandler<ListAuditLogQuery, Page<AuditEntryDto>>
{
    public async ValueTask<Page<AuditEntryDto>> Handle(ListAuditLogQuery query, CancellationToken cancellationToken)
    {
        var filter = Parse(query.Filter);
        var entries = store.AuditEntries;
        if (filter.Actor is { } actor)
        {
            entries = entries.Where(e => e.ActorUserId == actor || e.ActorApiKeyId == actor);
        }

        if (filter.EntityType is { } type)
        {
            entries = entries.Where(e => e.EntityType == type);
        }

        if (filter.EntityId is { } id)
        {
            entries = entries.Where(e => e.EntityId == id);
        }

        if (filter.Action is { } action)
        {
            entries = entries.Where(e => e.Action == action);
        }
        else if (filter.ActionPrefix is { } prefix)
        {
            entries = entries.Where(e => e.Action.StartsWith(prefix));
        }

        if (filter.From is { } from)
        {
            entries = entries.Where(e => e.OccurredAt >= from);
        }

        if (filter.To is { } to)
        {
            entries = entries.Where(e => e.OccurredAt <= to);
        }

        var request = query.Page;
        var perPage = request.Size;
        var before = Cursor.DecodeId(request.Cursor);
        if (before is { } beforeId)
        {
            entries = entries.Where(e => e.Id < beforeId);
        }

        IQueryable<AuditEntry> ordered = entries.OrderByDescending(e => e.Id);
        var skip = request.Offset(before is not null);
        if (skip > 0)
        {
            ordered = ordered.Skip(skip);
        }

        var items = await ordered.TakeConstant(perPage + 1)
            .Select(e => new AuditEntryDto(
                e.Id,
                e.OccurredAt,
                e.Action,
                e.EntityType,
                e.EntityId,
                e.OwnerId,
                e.ActorUserId,
                store.Users.Where(u => u.Id == e.ActorUserId).Select(u => u.Email).FirstOrDefault(),
                e.ActorApiKeyId,
                store.ApiKeys.Where(k => k.Id == e.ActorApiKeyId).Select(k => k.Name).FirstOrDefault(),
                e.IpAddress,
                e.Surface))
            .ToListAsync(cancellationToken);
        var hasMore = items.Count > perPage;
        if (hasMore)
        {
            items.RemoveAt(items.Count - 1);
        }

        return new Page<AuditEntryDto>(items, perPage, hasMore, hasMore ? Cursor.Encode(items[^1].Id) : null);
    }

    internal sealed record ParsedFilter(Guid? Actor, string? EntityType, Guid? EntityId, string? Action, string? ActionPrefix, DateTimeOffset? From, DateTimeOffset? To);

    /// <summary>Turns the text filters into values; every malformed one is reported (422, per field).</summary>
    internal static ParsedFilter Parse(AuditLogFilter filter)
    {
        var errors = new Dictionary<string, string[]>();
        Guid? actor = null;
        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            if (Guid.TryParse(filter.Actor.Trim(), out var id))
            {
                actor = id;
            }
            else
            {
                errors["actor"] = ["The actor must be an account id or an API key id (a UUID)."];
            }
        }

        string? entityType = null;
        Guid? entityId = null;
        if (!string.IsNullOrWhiteSpace(filter.Entity))
        {
            var text = filter.Entity.Trim();
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            var typePart = colon >= 0 ? text[..colon] : null;
            var idPart = colon >= 0 ? text[(colon + 1)..] : text;
            if (typePart is null && Name().IsMatch(idPart))
            {
                entityType = idPart;
            }
            else if (Guid.TryParse(idPart, out var id) && (typePart is null || Name().IsMatch(typePart)))
            {
                entityId = id;
                entityType = typePart;
            }
            else
            {
                errors["entity"] = ["The entity must be an entity type (e.g. license), an entity id (a UUID), or both as type:id."];
            }
        }

        string? action = null;
        string? actionPrefix = null;
        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            var text = filter.Action.Trim();
            if (text.EndsWith(".*", StringComparison.Ordinal) && Name().IsMatch(text[..^2]))
            {
                actionPrefix = text[..^1];
            }
            else if (Name().IsMatch(text))
            {
                actionPrefix = text + ".";
            }
            else if (Action().IsMatch(text))
            {
                action = text;
            }
            else
            {
                errors["action"] = ["The action must look like license.created, or license.* for every action on licenses."];
            }
        }

        var from = ParseTime(filter.From, "from", endOfDay: false, errors);
        var to = ParseTime(filter.To, "to", endOfDay: true, errors);
        if (from is not null && to is not null && from > to)
        {
            errors["to"] = ["The end of the period (to) is before its start (from)."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        return new ParsedFilter(actor, entityType, entityId, action, actionPrefix, from, to);
    }

    private static DateTimeOffset? ParseTime(string? text, string field, bool endOfDay, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text.Trim();
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return endOfDay ? start.AddDays(1).AddTicks(-1) : start;
        }

        if (text.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            && time.Year is >= 2000 and <= 9998)
        {
            return time;
        }

        errors[field] = [$"The {field} value must be an ISO 8601 date (2026-01-31) or date and time (2026-01-31T12:00:00Z)."];
        return null;
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,49}$")]
    private static partial Regex Name();

    [GeneratedRegex("^[a-z][a-z0-9_]{0,49}\\.[a-z][a-z0-9_]{0,48}$")]
    private static partial Regex Action();
}
